import { expect, test, type Locator, type Page } from '@playwright/test';
import { tissueSlide } from '../fixtures/slides/generate';
import { apiCall, seedCase, serveProcess, signIn, tempDataDir, type ServedApp } from './support/app';

// A slide large enough that 5×, 10× and 40× views are regions, not overviews: 8000 × 6000 px at 0.25 µm/px (40×).
const W = 8000;
const H = 6000;
const NAME = `tissue-${W}x${H}-s1.svs`;

type Box = [number, number, number, number];
interface Command {
  id: number;
  kind: string;
  magnification: number;
  box: Box;
  start: number;
  duration: number;
  parentId: number | null;
}
interface Effective {
  key: string;
  number: number;
  provenance: string;
  deleted: boolean;
  kind: string;
  magnification: number;
  box: Box;
  parentNumber: number | null;
}
interface SessionCommands {
  derived: Command[];
  effective: Effective[];
  edits: Array<{ action: string; reverted: boolean }>;
}
interface Ev {
  type: string;
  t: number;
}

let app: ServedApp;
let slideId: number;

test.use({ viewport: { width: 1000, height: 720 } });

test.beforeAll(async () => {
  test.setTimeout(120_000); // the first run builds the slide (cached afterwards)
  const path = await tissueSlide({ width: W, height: H });
  app = await serveProcess(tempDataDir());
  const { caseId, userId } = await seedCase(app);
  slideId = (await apiCall<{ id: number }>(app, 'files.add', { caseId, path }, userId)).id;
});
test.afterAll(async () => {
  await app?.stop();
});

async function openSlide(page: Page): Promise<void> {
  await page.getByRole('table', { name: 'Files in case' }).getByRole('button', { name: NAME }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Recording');
  await page.getByRole('tab', { name: 'Commands' }).click();
}

const rows = (page: Page) => page.getByTestId('command-row');
const row = (page: Page, n: number) => page.locator(`[data-testid="command-row"][data-number="${n}"]`);

/** [number, kind, magnification, parent, provenance, deleted] of every row, in list order. */
async function listed(page: Page) {
  return rows(page).evaluateAll((els) =>
    els.map((e) => [Number(e.dataset.number), e.dataset.kind, Number(e.dataset.magnification), e.dataset.parent ? Number(e.dataset.parent) : null, e.dataset.provenance, e.dataset.deleted === 'true']),
  );
}

/**
 * Lets `ms` of page time pass in two jumps. Timers due fire once per jump, so the viewer draws two frames: an
 * animation started before (a 0.5 s zoom) is over in the first, a drag's view has moved on by `ms`; the readouts
 * follow in the second.
 */
async function advance(page: Page, ms: number): Promise<void> {
  await page.clock.fastForward(ms - 20);
  await page.clock.fastForward(20);
}

/**
 * Drags along `path` (legs of [dx, dy] CSS px), one move per `stepMs` of page time (one frame each), at `speed` CSS px
 * per second.
 */
async function drag(page: Page, from: { x: number; y: number }, path: Array<[number, number]>, speed: number, stepMs = 200): Promise<void> {
  let { x, y } = from;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (const [dx, dy] of path) {
    const n = Math.max(1, Math.round(Math.hypot(dx, dy) / ((speed * stepMs) / 1000)));
    for (let i = 0; i < n; i++) {
      x += dx / n;
      y += dy / n;
      await page.mouse.move(x, y);
      await page.clock.fastForward(stepMs);
    }
  }
  await page.mouse.up();
  await advance(page, 100);
}

async function drawBox(page: Page, viewer: Locator, fx0: number, fy0: number, fx1: number, fy1: number): Promise<void> {
  const b = (await viewer.boundingBox())!;
  await expect(page.getByTestId('command-draw-layer')).toBeVisible();
  await page.mouse.move(b.x + b.width * fx0, b.y + b.height * fy0);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * ((fx0 + fx1) / 2), b.y + b.height * ((fy0 + fy1) / 2), { steps: 4 });
  await page.mouse.move(b.x + b.width * fx1, b.y + b.height * fy1, { steps: 4 });
  await page.mouse.up();
}

const inside = (a: Box, b: Box) => a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3];
const centre = (b: Box) => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];

test('a scripted navigation becomes the expected commands and boxes; edits are stored and survive a reload', async ({ page }) => {
  test.setTimeout(120_000); // about 30 s on an idle machine; the viewer draws slowly on a busy one
  // Page time runs as usual, except that the 70 s idle passes in an instant.
  await page.clock.install();
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await openSlide(page);
  const viewer = page.getByTestId('slide-viewer');
  await expect(viewer.locator('canvas').first()).toBeVisible();
  const vb = (await viewer.boundingBox())!;
  const mid = { x: vb.x + vb.width / 2, y: vb.y + vb.height / 2 };
  // From here on page time stands still unless the script moves it, so every step lasts exactly as long as it says.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 3000);
  await advance(page, 1000);
  const nudge = () => page.mouse.move(mid.x + 2, mid.y + 1); // a pointer move: a cursor event, and input

  // Dwell at 10× on A (the slide's centre).
  await page.keyboard.press('4');
  await advance(page, 600);
  await expect(page.getByTestId('magnification')).toHaveText('10.0×');
  await advance(page, 1500);
  // Pan at 10×: a loop of the view around A and back, 900 CSS px per second (the view leaves half its own width
  // behind in about 0.3 s, so it never dwells), for about 3 s.
  await drag(page, mid, [[800, 0], [0, 500], [-800, 0], [0, -500]], 900);
  // Peek at 40× inside A, the hand still on the mouse at the end.
  await page.keyboard.press('6');
  await advance(page, 600);
  await expect(page.getByTestId('magnification')).toHaveText('40.0×');
  await advance(page, 1500);
  await nudge();
  // Idle for 70 s.
  await page.clock.fastForward(70_000);
  await advance(page, 300);
  // Dwell at 5× on B, a little up and left of A.
  await page.keyboard.press('3');
  await advance(page, 600);
  await drag(page, mid, [[150, 100]], 900);
  await advance(page, 2000);
  await expect(page.getByTestId('magnification')).toHaveText('5.00×');
  await nudge();
  await advance(page, 500);
  await page.clock.resume();

  // The live session's commands, as the tab lists them once the batches are acknowledged.
  await expect(rows(page)).toHaveCount(4);
  expect(await listed(page)).toEqual([
    [1, 'inspect', 10, null, 'derived', false],
    [3, 'peek', 40, 1, 'derived', false],
    [2, 'inspect', 10, null, 'derived', false],
    [4, 'inspect', 5, null, 'derived', false],
  ]);
  // Numbered boxes on the slide, the peek drawn inside its inspect's group, and the same boxes on the thumbnail.
  const overlay = page.getByTestId('command-overlay');
  await expect(overlay.getByTestId('command-box')).toHaveCount(4);
  await expect(overlay.locator('[data-testid="command-box"][data-number="1"] [data-testid="command-box"][data-number="3"][data-kind="peek"]')).toHaveCount(1);
  await expect(overlay.getByTestId('command-badge')).toHaveText(['1', '3', '2', '4']);
  await expect(page.getByTestId('command-thumbnail').getByTestId('thumbnail-box')).toHaveCount(4);

  // Close the slide: the session ends.
  await page.getByRole('button', { name: '← Library' }).click();
  await expect(page.getByRole('table', { name: 'Files in case' })).toBeVisible();
  const sessions = await apiCall<Array<{ id: number; status: string }>>(app, 'recording.list', { slideId });
  expect(sessions.map((x) => x.status)).toEqual(['ended']);
  const sessionId = sessions[0].id;
  const { events } = await apiCall<{ events: Ev[] }>(app, 'recording.events', { sessionId });
  // The clock drove the recorder: an idle event, and a gap of at least 60 s in event time.
  expect(events.filter((e) => e.type === 'idle')).toHaveLength(1);
  const gap = Math.max(...events.slice(1).map((e, i) => e.t - events[i].t));
  expect(gap).toBeGreaterThanOrEqual(60_000);
  const before = await apiCall<SessionCommands>(app, 'behavior.commands', { sessionId });
  const [a, pan, peek, b] = before.derived;
  expect(before.derived.map((c) => [c.id, c.kind, c.magnification, c.parentId])).toEqual([
    [1, 'inspect', 10, null],
    [2, 'inspect', 10, null],
    [3, 'peek', 40, 1],
    [4, 'inspect', 5, null],
  ]);
  expect(centre(a.box)[0]).toBeCloseTo(W / 2, -1);
  expect(centre(a.box)[1]).toBeCloseTo(H / 2, -1);
  expect(inside(peek.box, a.box)).toBe(true);
  // The pan's box is the union of the loop's views: it reaches well beyond A, up and to the left.
  expect(pan.box[0]).toBeLessThan(a.box[0] - 1000);
  expect(pan.box[1]).toBeLessThan(a.box[1] - 1000);
  expect(centre(b.box)[0]).toBeLessThan(W / 2);
  expect(centre(b.box)[1]).toBeLessThan(H / 2);
  // Durations are the scripted looking times; the idle minute right after the peek counts for nothing.
  for (const c of [a, peek]) {
    expect(c.duration).toBeGreaterThanOrEqual(1500);
    expect(c.duration).toBeLessThan(3000);
  }
  expect(pan.duration).toBeGreaterThanOrEqual(2000);
  expect(pan.duration).toBeLessThan(4000);
  expect(b.duration).toBeGreaterThanOrEqual(2000);

  // Reopen the slide (a new live session starts) and look at the recorded one.
  await openSlide(page);
  await page.getByLabel('Session', { exact: true }).selectOption(String(sessionId));
  await expect(rows(page)).toHaveCount(4);
  expect((await listed(page)).map((r) => r.slice(0, 4))).toEqual([
    [1, 'inspect', 10, null],
    [3, 'peek', 40, 1],
    [2, 'inspect', 10, null],
    [4, 'inspect', 5, null],
  ]);
  // Clicking a command flies the viewer to its box.
  await row(page, 1).getByRole('button').first().click();
  await expect(page.getByTestId('magnification')).toHaveText(/^(9|10|11)\.\d×$/);

  // Delete command 4 with the Delete key.
  await row(page, 4).getByRole('button').first().click();
  await page.keyboard.press('Delete');
  await expect(row(page, 4)).toHaveAttribute('data-deleted', 'true');
  await expect(overlay.getByTestId('command-box')).toHaveCount(3);

  // Delete does nothing when another tab is showing.
  await row(page, 1).getByRole('button').first().click();
  await page.getByRole('tab', { name: 'Keys' }).click();
  await expect(page.getByRole('table', { name: 'Keyboard shortcuts' })).toContainText('delete the selected command box');
  await page.keyboard.press('Delete');
  await page.getByRole('tab', { name: 'Commands' }).click();
  await expect(row(page, 1)).toHaveAttribute('data-deleted', 'false');

  // Redraw command 2.
  await row(page, 2).getByRole('button').first().click();
  await page.getByRole('button', { name: 'Redraw box' }).click();
  await drawBox(page, viewer, 0.3, 0.3, 0.6, 0.7);
  await expect(row(page, 2)).toHaveAttribute('data-provenance', 'edited');

  // Esc cancels drawing and leaves the viewer open.
  await page.getByRole('button', { name: 'Add box' }).click();
  await expect(page.getByTestId('command-draw-layer')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('command-draw-layer')).toHaveCount(0);
  await expect(viewer).toBeVisible();

  // Add a box at 20×; undo it; add it again.
  for (const round of [1, 2]) {
    await page.getByRole('button', { name: 'Add box' }).click();
    await drawBox(page, viewer, 0.1, 0.1, 0.25, 0.3);
    const form = page.getByRole('form', { name: 'New command' });
    await form.getByLabel('Magnification').selectOption('20');
    await expect(form.getByLabel('Kind')).toHaveValue('inspect');
    await form.getByRole('button', { name: 'Add command' }).click();
    await expect(row(page, 5)).toHaveAttribute('data-provenance', 'added');
    if (round === 1) {
      await page.getByRole('button', { name: 'Undo edit' }).click();
      await expect(row(page, 5)).toHaveCount(0);
    }
  }
  await expect(overlay.getByTestId('command-box')).toHaveCount(4);
  const afterEdits = await listed(page);

  // After a reload everything is as it was left, and the derived commands have not changed.
  await page.reload();
  await signIn(page, 'Dr. Ada Rivera');
  await openSlide(page);
  await page.getByLabel('Session', { exact: true }).selectOption(String(sessionId));
  await expect(rows(page)).toHaveCount(5);
  expect(await listed(page)).toEqual(afterEdits);
  expect(afterEdits.map((r) => [r[0], r[4], r[5]])).toEqual(
    expect.arrayContaining([
      [2, 'edited', false],
      [4, 'derived', true],
      [5, 'added', false],
    ]),
  );
  const after = await apiCall<SessionCommands>(app, 'behavior.commands', { sessionId });
  expect(after.derived).toEqual(before.derived);
  expect(after.effective.find((c) => c.number === 2)!.box).not.toEqual(pan.box);
  expect(after.effective.find((c) => c.number === 5)).toMatchObject({ provenance: 'added', kind: 'inspect', magnification: 20 });
  expect(after.edits.map((e) => [e.action, e.reverted])).toEqual([
    ['delete', false],
    ['redraw', false],
    ['add', true],
    ['add', false],
  ]);
});
