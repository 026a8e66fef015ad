import { expect, test } from '@playwright/test';
import { slideFixture } from '../fixtures/slides/generate';
import { apiCall, seedCase, serveProcess, signIn, tempDataDir, type ServedApp } from './support/app';

interface Ev {
  type: string;
  t: number;
  [k: string]: unknown;
}

let app: ServedApp;
let slideId: number;

test.beforeAll(async () => {
  const path = await slideFixture('pyramid-jpeg.tif'); // 2048 × 1536, 0.25 µm/px
  app = await serveProcess(tempDataDir());
  const { caseId, userId } = await seedCase(app);
  slideId = (await apiCall<{ id: number }>(app, 'files.add', { caseId, path }, userId)).id;
});
test.afterAll(async () => {
  await app?.stop();
});

test('navigation is recorded while a slide is open, ends cleanly on close, and replays with its trajectory', async ({ page }) => {
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await page.getByRole('table', { name: 'Files in case' }).getByRole('button', { name: 'pyramid-jpeg.tif' }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Recording');
  const viewer = page.getByTestId('slide-viewer');
  await viewer.click();

  await page.keyboard.press('4'); // 10×
  await expect(page.getByTestId('magnification')).toHaveText('10.0×');
  const box = (await viewer.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 200, box.y + box.height / 2 - 120, { steps: 25 });
  await page.mouse.up();
  await page.waitForTimeout(700);
  await page.keyboard.press('6'); // 40×
  await expect(page.getByTestId('magnification')).toHaveText('40.0×');
  await page.waitForTimeout(700);

  // Pausing cuts the time out of the recording.
  await page.getByRole('button', { name: 'Pause recording' }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Paused');
  await page.getByRole('button', { name: 'Resume recording' }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Recording');

  await page.getByRole('button', { name: '← Library' }).click();
  await expect(page.getByRole('table', { name: 'Files in case' })).toBeVisible();

  const sessions = await apiCall<Array<{ id: number; status: string; eventCount: number }>>(app, 'recording.list', { slideId });
  expect(sessions).toHaveLength(1);
  expect(sessions[0].status).toBe('ended');
  const { events, slide } = await apiCall<{ events: Ev[]; slide: { width: number; height: number } }>(app, 'recording.events', { sessionId: sessions[0].id });

  const times = events.map((e) => e.t);
  expect(times).toEqual([...times].sort((a, b) => a - b));
  const views = events.filter((e) => e.type === 'viewport');
  expect(views.length).toBeGreaterThan(10);
  for (const v of views) {
    expect(v.cx as number).toBeGreaterThanOrEqual(0);
    expect(v.cx as number).toBeLessThanOrEqual(slide.width);
    expect(v.cy as number).toBeGreaterThanOrEqual(0);
    expect(v.cy as number).toBeLessThanOrEqual(slide.height);
  }
  const hotkeys = events.filter((e) => e.type === 'hotkey');
  expect(hotkeys.map((h) => h.magnification)).toEqual([10, 40]);
  // After each hotkey the view settles at that magnification (0.25 µm/px: magnification = 40 × zoom).
  for (const h of hotkeys) {
    const settled = views.filter((v) => v.t >= h.t && v.t <= h.t + 2000).at(-1)!;
    expect((settled.zoom as number) * 40).toBeCloseTo(h.magnification as number, 1);
  }
  expect(events.some((e) => e.type === 'cursor')).toBe(true);
  expect(events.filter((e) => e.type === 'idle')).toHaveLength(1);
  expect(events.filter((e) => e.type === 'active').length).toBeGreaterThanOrEqual(1);
  expect(events.at(-1)!.type).toBe('end');

  // Replay: the trajectory is drawn and the scrubber moves the view.
  await page.getByRole('table', { name: 'Files in case' }).getByRole('button', { name: 'pyramid-jpeg.tif' }).click();
  await page.getByRole('tab', { name: 'Sessions' }).click();
  await page.getByLabel('Sessions').getByRole('listitem').filter({ hasText: 'ended' }).getByRole('button', { name: 'Replay' }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Paused');
  const scrubber = page.getByLabel('Replay position');
  await scrubber.fill(String(times.at(-1)));
  const points = await page.getByTestId('trajectory').getAttribute('points');
  expect(points!.trim().split(/\s+/).length).toBeGreaterThan(3);
  await page.getByLabel('heatmap').check();
  await expect(page.getByTestId('heatmap')).toBeVisible();
  await page.getByRole('button', { name: 'Play replay' }).click();
  await page.getByRole('button', { name: 'Close replay' }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Recording');
});

test('a reload of the UI continues the same session', async ({ page }) => {
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await page.getByRole('table', { name: 'Files in case' }).getByRole('button', { name: 'pyramid-jpeg.tif' }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Recording');
  await page.getByTestId('slide-viewer').click();
  await page.keyboard.press('3');
  await page.waitForTimeout(800);
  const before = await apiCall<Array<{ id: number; status: string }>>(app, 'recording.list', { slideId });
  const live = before.find((s) => s.status === 'recording')!;
  await page.reload();
  await signIn(page, 'Dr. Ada Rivera');
  await page.getByRole('table', { name: 'Files in case' }).getByRole('button', { name: 'pyramid-jpeg.tif' }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Recording');
  await page.getByTestId('slide-viewer').click();
  await page.keyboard.press('5');
  await page.getByRole('button', { name: '← Library' }).click();
  await expect(page.getByRole('table', { name: 'Files in case' })).toBeVisible();
  const after = await apiCall<Array<{ id: number; status: string }>>(app, 'recording.list', { slideId });
  expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
  const { events } = await apiCall<{ events: Ev[] }>(app, 'recording.events', { sessionId: live.id });
  expect(events.filter((e) => e.type === 'hotkey').map((e) => e.magnification)).toEqual([5, 20]);
});
