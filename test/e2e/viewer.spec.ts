import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { allSlideFixtures, openSlideFixture, SLIDE_FIXTURE_NAMES, type SlideFixtureName } from '../fixtures/slides/generate';
import { IHC_PNG } from '../fixtures/slides/tissue';
import { apiCall, seedCase, serveProcess, signIn, tempDataDir, type ServedApp } from './support/app';

let app: ServedApp;
const ids = new Map<string, number>();
/** Why the OpenSlide-only slide cannot be shown here (null when the server has OpenSlide). */
let openSlideMissing: string | null = null;

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
  const scn = await apiCall<{ id: number }>(app, 'files.add', { caseId, path: await openSlideFixture('leica.scn') }, userId);
  ids.set('leica.scn', scn.id);
  await apiCall(app, 'slides.open', { slideId: scn.id }).catch((e: Error) => {
    if (!/UNAVAILABLE/.test(e.message)) throw e;
    openSlideMissing = 'OpenSlide is not installed where the app runs (e.g. `sudo apt-get install libopenslide0`), so the Leica SCN slide cannot be shown';
  });
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

/** Stained tissue: clearly coloured or dark, unlike the near-white glass, the page and blank tiles. */
const isTissue = (r: number, g: number, b: number) => Math.max(r, g, b) - Math.min(r, g, b) > 40 || r + g + b < 450;

async function tissueIn(png: Buffer, inset: number): Promise<{ share: number; mean: number[] }> {
  const img = sharp(png);
  const m = await img.metadata();
  const { data, info } = await img
    .extract({ left: inset, top: inset, width: m.width! - 2 * inset, height: m.height! - 2 * inset })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const sum = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < info.width * info.height * 3; i += 3) {
    if (!isTissue(data[i], data[i + 1], data[i + 2])) continue;
    n++;
    for (let k = 0; k < 3; k++) sum[k] += data[i + k];
  }
  return { share: n / (info.width * info.height), mean: sum.map((v) => Math.round(v / Math.max(1, n))) };
}

let ihcMean: Promise<number[]> | null = null;

/**
 * Waits until the element shows tissue (≥ `minShare` of its pixels) in the colours of the IHC image
 * the fixtures are made of, so blank or white tiles and wrongly decoded colours fail. `inset` leaves
 * out a frame (the navigator's borders).
 */
async function expectTissueShown(el: Locator, what: string, { minShare = 0.02, inset = 0, tolerance = 30 } = {}): Promise<void> {
  ihcMean ??= tissueIn(readFileSync(IHC_PNG), 0).then((t) => t.mean);
  const ref = await ihcMean;
  let seen = { share: 0, mean: [0, 0, 0] };
  const ok = () => seen.share >= minShare && seen.mean.every((v, k) => Math.abs(v - ref[k]) <= tolerance);
  const deadline = Date.now() + 15_000;
  for (;;) {
    seen = await tissueIn(await el.screenshot(), inset);
    if (ok() || Date.now() > deadline) break;
    await el.page().waitForTimeout(250);
  }
  expect(ok(), `${what}: ${(seen.share * 100).toFixed(1)}% tissue pixels (at least ${minShare * 100}% expected), their mean RGB ${seen.mean.join(',')} (IHC image: ${ref.join(',')}, ±${tolerance})`).toBe(true);
}

test('every supported format opens in the viewer and shows its tissue', async ({ page }) => {
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
    await expectTissueShown(page.getByTestId('slide-viewer'), name);
    await page.getByRole('button', { name: '← Library' }).click();
  }
  expect(failed).toEqual([]);
});

test('a Leica SCN slide, read through OpenSlide, opens in the viewer and shows tissue', async ({ page }) => {
  if (openSlideMissing && process.env.CI) throw new Error(`${openSlideMissing}; CI must test it (.ci/run installs libopenslide0)`);
  test.skip(openSlideMissing !== null, openSlideMissing ?? '');
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  const tiles = expectTilesShown(page, ids.get('leica.scn')!);
  await openFromLibrary(page, 'leica.scn');
  await tiles;
  await expect(page.getByLabel('Slide information')).toContainText('leica');
  await expectTissueShown(page.getByTestId('slide-viewer'), 'leica.scn');
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

test('the navigator shows the slide; arrow keys pan the view; [ and ] rotate it by 90°', async ({ page }) => {
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  const tiles = expectTilesShown(page, ids.get('pyramid-jpeg.tif')!);
  await openFromLibrary(page, 'pyramid-jpeg.tif');
  await tiles;
  const viewer = page.getByTestId('slide-viewer');
  const nav = viewer.locator('.navigator');
  await expect(nav).toBeVisible();
  // The navigator draws the slide translucent over grey, which dulls its colours.
  await expectTissueShown(nav, 'the navigator', { inset: 6, tolerance: 45 });
  await viewer.click();
  await page.keyboard.press('+');
  const region = nav.locator('.displayregion');
  const at = async () => (await region.boundingBox())!;
  await expect.poll(async () => (await at()).width).toBeLessThan((await nav.boundingBox())!.width * 0.8);
  const start = await at();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await at()).x - start.x, { message: 'ArrowRight moves the view right' }).toBeGreaterThan(3);
  const right = await at();
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await at()).y - right.y, { message: 'ArrowDown moves the view down' }).toBeGreaterThan(3);

  const rotation = page.getByRole('group', { name: 'Rotation' });
  await expect(rotation).toContainText('0°');
  await page.keyboard.press(']');
  await expect(rotation).toContainText('90°');
  await page.keyboard.press('[');
  await page.keyboard.press('[');
  await expect(rotation).toContainText('270°');
  await expectTissueShown(viewer, 'the rotated view');
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
