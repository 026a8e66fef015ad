import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { serveProcess, signIn, tempDataDir } from './support/app';

const IHC = fileURLToPath(new URL('../fixtures/data/ihc.png', import.meta.url));

test('a profile and a file added to a case survive a restart of the backend', async ({ page }) => {
  const dataDir = tempDataDir();
  let app = await serveProcess(dataDir);
  try {
    await page.goto(app.url);
    await expect(page.getByText('Create your profile')).toBeVisible();
    await signIn(page, 'Dr. Ada Rivera');
    await expect(page.getByText('Your library is empty')).toBeVisible();

    await page.getByLabel('New project name').fill('GI biopsies');
    await page.getByRole('button', { name: 'Add' }).first().click();
    await page.getByLabel('New case name').fill('Case 001');
    await page.getByLabel('New case name').press('Enter');
    await expect(page.getByRole('heading', { name: 'Case 001' })).toBeVisible();

    await page.getByTestId('file-input').setInputFiles(IHC);
    const row = page.getByRole('table', { name: 'Files in case' }).getByRole('row', { name: /ihc\.png/ });
    await expect(row).toBeVisible();
    await expect(row).toContainText('slide');
    await expect(row).toContainText('png');

    // An unsupported file is refused with a message that says what is supported.
    await page.getByTestId('file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect(page.getByRole('alert')).toContainText('not a slide or video');
  } finally {
    await app.stop();
  }

  app = await serveProcess(dataDir);
  try {
    await page.goto(app.url);
    // A new launch has a new port and token; the profile is offered for picking, from the database.
    await expect(page.getByRole('list', { name: 'Profiles' })).toContainText('Dr. Ada Rivera');
    await signIn(page, 'Dr. Ada Rivera');
    await expect(page.getByRole('button', { name: /GI biopsies/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Case 001' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Files in case' }).getByRole('row', { name: /ihc\.png/ })).toBeVisible();

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Verify audit log' }).click();
    await expect(page.getByRole('status')).toContainText('Audit log intact');
  } finally {
    await app.stop();
  }
});

test('a page opened without the token is refused', async ({ page }) => {
  const app = await serveProcess(tempDataDir());
  try {
    const res = await page.goto(app.origin + '/');
    expect(res?.status()).toBe(401);
    await expect(page.locator('body')).toContainText('token');
  } finally {
    await app.stop();
  }
});
