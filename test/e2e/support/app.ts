import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

import { apiCall } from '../../support/apiCall';

export { apiCall };
export { serveProcess, type ServedApp } from '../../support/serveProcess';

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'sightline-e2e-'));
}

/** Picks an existing profile or creates it, and waits for the main frame. */
export async function signIn(page: Page, name: string): Promise<void> {
  const frame = page.getByRole('navigation', { name: 'Sections' });
  await expect(frame.or(page.getByRole('form', { name: 'Create profile' }))).toBeVisible();
  await expect(page.getByText('Loading profiles…')).toHaveCount(0);
  if (await frame.isVisible()) return;
  const existing = page.getByRole('button', { name: new RegExp(`^${name}`) });
  if (await existing.count()) await existing.first().click();
  else {
    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Create profile' }).click();
  }
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
}

/** A profile, a project and a case, made through the API; returns their ids. */
export async function seedCase(app: { origin: string; token: string }, profile = 'Dr. Ada Rivera'): Promise<{ userId: number; projectId: number; caseId: number }> {
  const user = await apiCall<{ id: number }>(app, 'profiles.create', { name: profile, role: 'pathologist' });
  const project = await apiCall<{ id: number }>(app, 'projects.create', { name: 'Study' }, user.id);
  const c = await apiCall<{ id: number }>(app, 'cases.create', { projectId: project.id, name: 'Case 001' }, user.id);
  return { userId: user.id, projectId: project.id, caseId: c.id };
}
