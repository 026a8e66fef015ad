import { expect, test } from '@playwright/test';
import { slideFixture } from '../fixtures/slides/generate';
import { apiCall, seedCase, serveProcess, signIn, tempDataDir, type ServedApp } from './support/app';

interface Ev {
  type: string;
  t: number;
  [k: string]: unknown;
}

interface Session {
  id: number;
  status: string;
  eventCount: number;
}

let app: ServedApp;
let slideId: number;
/** The case's other slide; it comes first in the case (by name), so Page Down on it opens pyramid-jpeg.tif. */
let firstSlideId: number;
let userId: number;

test.beforeAll(async () => {
  const path = await slideFixture('pyramid-jpeg.tif'); // 2048 × 1536, 0.25 µm/px
  const firstPath = await slideFixture('pyramid-deflate.tif'); // 2048 × 1536, 0.25 µm/px
  app = await serveProcess(tempDataDir());
  const seeded = await seedCase(app);
  userId = seeded.userId;
  slideId = (await apiCall<{ id: number }>(app, 'files.add', { caseId: seeded.caseId, path }, userId)).id;
  firstSlideId = (await apiCall<{ id: number }>(app, 'files.add', { caseId: seeded.caseId, path: firstPath }, userId)).id;
});

const sessionsOf = (id: number) => apiCall<Session[]>(app, 'recording.list', { slideId: id });
const eventsOf = async (sessionId: number) => (await apiCall<{ events: Ev[] }>(app, 'recording.events', { sessionId })).events;

/**
 * What a viewport sample must be to mean what the format says: level-0 pixels (not OpenSeadragon's viewport units,
 * where the slide is 1 wide), zoom in screen CSS pixels per level-0 pixel (the view rectangle times the zoom is the
 * container), the centre on the slide and in the middle of the view.
 */
function expectLevel0Views(views: Ev[], slide: { width: number; height: number }): void {
  for (const v of views) {
    const [x0, y0, x1, y1, cx, cy, zoom, cw, ch] = ['x0', 'y0', 'x1', 'y1', 'cx', 'cy', 'zoom', 'cw', 'ch'].map((k) => v[k] as number);
    const at = `viewport at t=${v.t}`;
    expect(v.rotation, at).toBe(0);
    expect(Math.abs((x1 - x0) * zoom - cw), at).toBeLessThanOrEqual(1 + cw * 1e-3);
    expect(Math.abs((y1 - y0) * zoom - ch), at).toBeLessThanOrEqual(1 + ch * 1e-3);
    expect(Math.abs((x0 + x1) / 2 - cx), at).toBeLessThanOrEqual(1);
    expect(Math.abs((y0 + y1) / 2 - cy), at).toBeLessThanOrEqual(1);
    expect(cx, at).toBeGreaterThanOrEqual(0);
    expect(cx, at).toBeLessThanOrEqual(slide.width);
    expect(cy, at).toBeGreaterThanOrEqual(0);
    expect(cy, at).toBeLessThanOrEqual(slide.height);
  }
}

/**
 * Viewport samples come at most 30 a second, plus one when each animation settles (and one on start, resume and the
 * 10 s resample): pairs closer than 1/30 s are at most `settled`, and no second holds more than 30 + `settled`.
 */
function expectThrottled(views: Ev[], settled: number): void {
  const t = views.map((v) => v.t);
  const close = t.filter((x, i) => i > 0 && x - t[i - 1] < 33).length;
  expect(close, `viewport samples less than 33 ms apart: ${close}`).toBeLessThanOrEqual(settled);
  let most = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  expect(most, 'viewport samples in one second').toBeLessThanOrEqual(30 + settled);
}
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
  expectLevel0Views(views, slide);
  // The drag and the zoom animations fire a view change at every frame (60 a second); the settling of the two zooms,
  // the drag and its glide, the start and the resume may each add one.
  expectThrottled(views, 6);
  const hotkeys = events.filter((e) => e.type === 'hotkey');
  expect(hotkeys.map((h) => h.magnification)).toEqual([10, 40]);
  // Between the two hotkeys, the drag moved the view by 200 × 120 screen pixels at 10×: by (200, 120) / 0.25
  // level-0 pixels (OpenSeadragon may drop part of the first drag step).
  const at10x = views.filter((v) => v.t < hotkeys[1].t && Math.abs((v.zoom as number) * 40 - 10) < 0.05);
  const panned = [(at10x.at(-1)!.cx as number) - (at10x[0].cx as number), (at10x.at(-1)!.cy as number) - (at10x[0].cy as number)];
  expect(panned[0] / (200 / 0.25)).toBeGreaterThan(0.85);
  expect(panned[0] / (200 / 0.25)).toBeLessThan(1.05);
  expect(panned[1] / (120 / 0.25)).toBeGreaterThan(0.85);
  expect(panned[1] / (120 / 0.25)).toBeLessThan(1.05);
  // After each hotkey the view settles at that magnification (0.25 µm/px: magnification = 40 × zoom) and stays
  // there until the next: 10× is below "whole slide in view" on this slide, and the drag must not snap it back.
  hotkeys.forEach((h, i) => {
    const until = hotkeys[i + 1]?.t ?? h.t + 2000;
    const settled = views.filter((v) => v.t >= h.t && v.t < until).at(-1)!;
    expect((settled.zoom as number) * 40).toBeCloseTo(h.magnification as number, 1);
  });
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

test('moving to the next slide with Page Down ends the session on the first slide and records the next in a session of its own', async ({ page }) => {
  // A is the first slide of the case, B the next.
  const [slideA, slideB] = [firstSlideId, slideId];
  const earlierA = await sessionsOf(slideA);
  const earlierB = await sessionsOf(slideB);
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await page.getByRole('table', { name: 'Files in case' }).getByRole('button', { name: 'pyramid-deflate.tif' }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Recording');
  const magnification = page.getByTestId('magnification');
  await page.getByTestId('slide-viewer').click();
  await page.keyboard.press('3'); // 5×
  await expect(magnification).toHaveText('5.00×');
  await page.waitForTimeout(500);

  await page.keyboard.press('PageDown');
  await expect(page.getByRole('navigation', { name: 'Slides of this case' }).locator('[aria-current="true"]')).toHaveAttribute('title', 'pyramid-jpeg.tif');
  await expect(page.getByLabel('Slide pyramid-jpeg.tif')).toBeVisible();
  await expect.poll(async () => (await sessionsOf(slideB)).filter((s) => s.status === 'recording').length).toBe(1);
  await expect(page.getByLabel('Recording status')).toContainText('Recording');
  const viewer = page.getByTestId('slide-viewer');
  await viewer.click();
  await page.keyboard.press('5'); // 20×
  await expect(magnification).toHaveText('20.0×');
  const box = (await viewer.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 80, { steps: 15 });
  await page.mouse.up();
  await page.waitForTimeout(500);
  await page.keyboard.press('4'); // 10×
  await expect(magnification).toHaveText('10.0×');
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: '← Library' }).click();
  await expect(page.getByRole('table', { name: 'Files in case' })).toBeVisible();

  const onA = (await sessionsOf(slideA)).filter((s) => !earlierA.some((e) => e.id === s.id));
  const onB = (await sessionsOf(slideB)).filter((s) => !earlierB.some((e) => e.id === s.id));
  expect(onA.map((s) => s.status)).toEqual(['ended']);
  expect(onB.map((s) => s.status)).toEqual(['ended']);
  const a = await eventsOf(onA[0].id);
  const b = await eventsOf(onB[0].id);
  expect(a.filter((e) => e.type === 'hotkey').map((e) => e.magnification)).toEqual([5]);
  expect(b.filter((e) => e.type === 'hotkey').map((e) => e.magnification)).toEqual([20, 10]);
  for (const events of [a, b]) {
    expect(events.at(-1)!.type).toBe('end');
    expect(events.filter((e) => e.type === 'end')).toHaveLength(1);
  }
  const viewsB = b.filter((e) => e.type === 'viewport');
  expect(viewsB.length).toBeGreaterThan(5);
  expectLevel0Views(viewsB, { width: 2048, height: 1536 });
  // B's session holds B's navigation: the views at 20× and at 10× (0.25 µm/px: magnification = 40 × zoom).
  const mags = new Set(viewsB.map((v) => Math.round((v.zoom as number) * 40 * 10) / 10));
  expect(mags.has(20)).toBe(true);
  expect(mags.has(10)).toBe(true);
});

test('replay plays at the chosen speed and the metrics panel shows a session’s figures and its magnification over time', async ({ page }) => {
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await page.getByRole('table', { name: 'Files in case' }).getByRole('button', { name: 'pyramid-deflate.tif' }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Recording');
  // Recorded in a viewer of this size, so that replayed views have the recorded magnification here too.
  const [cw, ch] = await page.getByTestId('slide-viewer').evaluate((el) => [el.clientWidth, el.clientHeight]);

  // Two minutes: 40 s at 2.5×, 40 s at 10×, 40 s at 40×, the view moving across the slide (0.25 µm/px, no objective
  // stated: magnification = 40 × zoom).
  const lines: object[] = [{ type: 'slide', id: 'replay-test', width: 2048, height: 1536, mpp: 0.25 }];
  for (let t = 0; t < 120_000; t += 250) {
    const zoom = t < 40_000 ? 2.5 / 40 : t < 80_000 ? 10 / 40 : 1;
    const cx = 300 + (1400 * t) / 120_000;
    const cy = 500 + (500 * t) / 120_000;
    lines.push({ type: 'viewport', t, cx, cy, x0: cx - cw / 2 / zoom, y0: cy - ch / 2 / zoom, x1: cx + cw / 2 / zoom, y1: cy + ch / 2 / zoom, zoom, rotation: 0, dpr: 1, cw, ch });
  }
  lines.push({ type: 'end', t: 120_000 });
  const imported = await apiCall<Session>(app, 'recording.import', { slideId: firstSlideId, jsonl: lines.map((l) => JSON.stringify(l)).join('\n') }, userId);
  const m = await apiCall<{ totalMs: number; activeMs: number; magnificationMean: number; seenAt10xShare: number; seenAt10xBasis: string; fixations: number; msPerBin: Record<string, number> }>(
    app,
    'recording.metrics',
    { sessionId: imported.id },
  );

  await page.getByRole('tab', { name: 'Sessions' }).click();
  const item = page.getByLabel('Sessions').getByRole('listitem').filter({ hasText: `${lines.length - 1} events` });
  await item.getByRole('button', { name: 'Metrics' }).click();

  const metrics = item.getByLabel('Session metrics');
  const fact = (name: string) => metrics.locator('dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
  await expect(fact('Total / active')).toHaveText('120.0 s / 120.0 s');
  await expect(fact('Mean magnification')).toHaveText(`${m.magnificationMean.toFixed(1)}×`);
  expect(m.magnificationMean).toBeCloseTo((2.5 + 10 + 40) / 3, 0);
  await expect(fact('Fixations')).toHaveText(String(m.fixations));
  await expect(fact('Seen at ≥ 10×')).toHaveText(`${(m.seenAt10xShare * 100).toFixed(1)} % of the ${m.seenAt10xBasis}`);
  expect(m.seenAt10xBasis).toBe('tissue');
  for (const bin of ['2.5', '10', '40']) await expect(metrics.locator('.bar-row', { hasText: `${bin}×` })).toContainText('40.0 s');
  await expect(metrics.locator('.bar-row')).toHaveCount(3);
  const plot = metrics.getByRole('img', { name: 'Magnification over time' });
  await expect(plot).toBeVisible();
  await expect(plot).toContainText('120 s');
  const d = (await plot.locator('path').getAttribute('d'))!;
  expect(d.match(/[ML]/g)!.length).toBeGreaterThanOrEqual(4);
  // The line steps up twice: three heights, lowest first.
  const ys = [...d.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((x) => Number(x[1]));
  expect(new Set(ys).size).toBe(3);
  expect(ys[0]).toBeGreaterThan(ys.at(-1)!);

  await item.getByRole('button', { name: 'Replay' }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Paused');
  const position = page.getByLabel('Replay position');
  const speed = page.getByLabel('Replay speed');
  await expect(speed.locator('option')).toHaveText(['0.5×', '1×', '2×', '4×', '8×']);
  await expect(speed).toHaveValue('1');
  // The viewer shows the recorded view at the replay position.
  await position.fill('100000');
  await expect(page.getByTestId('magnification')).toHaveText('40.0×');
  await position.fill('60000');
  await expect(page.getByTestId('magnification')).toHaveText('10.0×');

  /** Replay ms per wall-clock ms while playing, measured in the page over one second. */
  const rate = () =>
    page.evaluate(async () => {
      const el = document.querySelector<HTMLInputElement>('[aria-label="Replay position"]')!;
      const p0 = Number(el.value);
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 1000));
      return (Number(el.value) - p0) / (performance.now() - t0);
    });
  await position.fill('0');
  await page.getByRole('button', { name: 'Play replay' }).click();
  const atOne = await rate();
  await page.getByRole('button', { name: 'Pause replay' }).click();
  await expect(page.getByTestId('replay-clock')).not.toHaveText('0:00 / 2:00');
  await position.fill('0');
  await speed.selectOption('4');
  await page.getByRole('button', { name: 'Play replay' }).click();
  const atFour = await rate();
  await page.getByRole('button', { name: 'Pause replay' }).click();
  expect(atOne).toBeGreaterThan(0.6);
  expect(atOne).toBeLessThan(1.3);
  expect(atFour).toBeGreaterThan(2.6);
  expect(atFour).toBeLessThan(5);
  expect(atFour / atOne).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Close replay' }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Recording');
});

test('closing the browser tab keeps the last events: the page sends them as it goes away, and the session goes on', async ({ page }) => {
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await page.getByRole('table', { name: 'Files in case' }).getByRole('button', { name: 'pyramid-jpeg.tif' }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Recording');
  await page.getByTestId('slide-viewer').click();
  await expect.poll(async () => (await sessionsOf(slideId)).filter((s) => s.status === 'recording').length).toBe(1);
  const live = (await sessionsOf(slideId)).find((s) => s.status === 'recording')!;
  await page.waitForTimeout(800); // everything so far acknowledged
  await page.keyboard.press('6');
  // Well within the 250 ms a batch waits before it is sent.
  await page.close();
  await expect.poll(async () => (await eventsOf(live.id)).filter((e) => e.type === 'hotkey').map((e) => e.magnification)).toEqual([40]);
  expect((await sessionsOf(slideId)).find((s) => s.id === live.id)!.status).toBe('recording');
});
