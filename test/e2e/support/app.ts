import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

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

/** Calls the core over HTTP with the launch token, as a script would (for test setup and checks). */
export async function apiCall<T = unknown>(app: { origin: string; token: string }, name: string, input: unknown, actorId?: number): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' };
  if (actorId !== undefined) headers['X-Sightline-Actor'] = String(actorId);
  const res = await fetch(`${app.origin}/api/call/${name}`, { method: 'POST', headers, body: JSON.stringify({ input }) });
  const env = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (!env.ok) throw new Error(`${name}: ${env.error?.code} ${env.error?.message}`);
  return env.value as T;
}

/** A profile, a project and a case, made through the API; returns their ids. */
export async function seedCase(app: { origin: string; token: string }, profile = 'Dr. Ada Rivera'): Promise<{ userId: number; projectId: number; caseId: number }> {
  const user = await apiCall<{ id: number }>(app, 'profiles.create', { name: profile, role: 'pathologist' });
  const project = await apiCall<{ id: number }>(app, 'projects.create', { name: 'Study' }, user.id);
  const c = await apiCall<{ id: number }>(app, 'cases.create', { projectId: project.id, name: 'Case 001' }, user.id);
  return { userId: user.id, projectId: project.id, caseId: c.id };
}
