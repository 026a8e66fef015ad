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
  const existing = page.getByRole('button', { name: new RegExp(`^${name}`) });
  if (await existing.count()) await existing.first().click();
  else {
    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Create profile' }).click();
  }
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
}
