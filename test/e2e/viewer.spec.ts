import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { allSlideFixtures, SLIDE_FIXTURE_NAMES, type SlideFixtureName } from '../fixtures/slides/generate';
import { apiCall, seedCase, serveProcess, signIn, tempDataDir, type ServedApp } from './support/app';

let app: ServedApp;
const ids = new Map<string, number>();

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const paths = await allSlideFixtures();
  const dataDir = tempDataDir();
  app = await serveProcess(dataDir);
  const { caseId, userId } = await seedCase(app);
  for (const name of SLIDE_FIXTURE_NAMES) {
    const f = await apiCall<{ id: number }>(app, 'files.add', { caseId, path: paths[name] }, userId);
    ids.set(name, f.id);
  }
  // A slide cut off half-way, as an interrupted copy leaves it.
  const broken = join(dataDir, 'truncated.svs');
  const bytes = readFileSync(paths['aperio-jpeg.svs']);
  writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length / 3)));
  ids.set('truncated.svs', (await apiCall<{ id: number }>(app, 'files.add', { caseId, path: broken }, userId)).id);
  copyFileSync(paths['plain.png'], join(dataDir, 'unused.png'));
});
test.afterAll(async () => {
  await app?.stop();
});

async function openFromLibrary(page: Page, name: string): Promise<void> {
  await page.getByRole('table', { name: 'Files in case' }).getByRole('button', { name }).click();
}

async function expectTilesShown(page: Page, slideId: number): Promise<void> {
  await page.waitForResponse((r) => r.url().includes(`/res/slides/${slideId}/tile/`) && r.status() === 200, { timeout: 20_000 });
  await expect(page.getByTestId('slide-viewer').locator('canvas').first()).toBeVisible();
}

test('every supported format opens in the viewer and shows tiles', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/res/slides/') && r.status() >= 400 && !r.url().includes('thumbnail')) failed.push(`${r.status()} ${r.url()}`);
  });
  for (const name of SLIDE_FIXTURE_NAMES) {
    const id = ids.get(name)!;
    const tiles = expectTilesShown(page, id);
    await openFromLibrary(page, name);
    await tiles;
    await expect(page.locator('.viewer-toolbar .slide-name')).toHaveText(name);
    await page.getByRole('button', { name: '← Library' }).click();
  }
  expect(failed).toEqual([]);
});

test('a truncated slide gets a clear error and the other slides keep working', async ({ page }) => {
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await openFromLibrary(page, 'truncated.svs');
  await expect(page.getByRole('alert')).toContainText('This slide cannot be shown');
  await page.getByRole('button', { name: '← Library' }).click();
  const id = ids.get('pyramid-jpeg.tif')!;
  const tiles = expectTilesShown(page, id);
  await openFromLibrary(page, 'pyramid-jpeg.tif');
  await tiles;
});

const MAG_CASES: Array<{ slide: SlideFixtureName; mag10Bar: string; mag40Bar: string }> = [
  { slide: 'pyramid-jpeg.tif', mag10Bar: '100 µm', mag40Bar: '20 µm' }, // MPP only: 0.25 µm/px
  { slide: 'aperio-jpeg.svs', mag10Bar: '100 µm', mag40Bar: '20 µm' }, // objective 20×, 0.499 µm/px
];

for (const c of MAG_CASES) {
  test(`magnification readout and scale bar are right at the 10× and 40× hotkeys (${c.slide})`, async ({ page }) => {
    await page.goto(app.url);
    await signIn(page, 'Dr. Ada Rivera');
    const tiles = expectTilesShown(page, ids.get(c.slide)!);
    await openFromLibrary(page, c.slide);
    await tiles;
    await page.getByTestId('slide-viewer').click();
    await page.keyboard.press('4');
    await expect(page.getByTestId('magnification')).toHaveText('10.0×');
    await expect(page.getByTestId('scale-bar')).toContainText(c.mag10Bar);
    await page.keyboard.press('6');
    await expect(page.getByTestId('magnification')).toHaveText('40.0×');
    await expect(page.getByTestId('scale-bar')).toContainText(c.mag40Bar);
    await page.keyboard.press('1');
    await expect(page.getByTestId('magnification')).toHaveText('1.25×');
  });
}

test('slide information shows metadata and associated images; Page Down moves to the next slide', async ({ page }) => {
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await openFromLibrary(page, 'aperio-jpeg.svs');
  const info = page.getByLabel('Slide information');
  await expect(info).toContainText('aperio');
  await expect(info).toContainText('4,800 × 3,600');
  await expect(info).toContainText('20×');
  await expect(info.getByRole('img', { name: 'label image' })).toBeVisible();
  await expect(info.getByRole('img', { name: 'macro image' })).toBeVisible();
  const strip = page.getByRole('navigation', { name: 'Slides of this case' });
  const before = await strip.locator('[aria-current="true"]').textContent();
  await page.keyboard.press('PageDown');
  await expect(strip.locator('[aria-current="true"]')).not.toHaveText(before ?? '');
});
