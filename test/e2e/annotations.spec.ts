import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { formatLengthUm } from '../../shared/annotations/measure';
import { slideFixture } from '../fixtures/slides/generate';
import { apiCall, seedCase, serveProcess, signIn, tempDataDir, type ServedApp } from './support/app';

// pyramid-jpeg.tif: 2048 × 1536 px at 0.25 µm/px.
const W = 2048;
const H = 1536;
const MPP = 0.25;

type Geometry = { type: string; [k: string]: unknown };
interface Annotation {
  id: number;
  classId: number | null;
  geometry: Geometry;
  description: string;
  deleted: boolean;
  version: number;
}
interface Listing {
  classes: Array<{ id: number; name: string; shortcut: number | null }>;
  annotations: Annotation[];
}

// At 1280 px the brush's controls wrap the viewer toolbar to a third row, which shrinks the viewer and moves the slide
// under the positions this test clicks; at 1600 px it keeps to two rows.
test.use({ viewport: { width: 1600, height: 900 } });

let app: ServedApp;
let slideId: number;
let userId: number;
let projectId: number;

test.beforeAll(async () => {
  const path = await slideFixture('pyramid-jpeg.tif');
  app = await serveProcess(tempDataDir());
  const seeded = await seedCase(app);
  userId = seeded.userId;
  projectId = seeded.projectId;
  slideId = (await apiCall<{ id: number }>(app, 'files.add', { caseId: seeded.caseId, path }, userId)).id;
  await apiCall(app, 'classes.create', { projectId, name: 'Stroma', colour: '#3cb44b', shortcut: 2 }, userId);
});
test.afterAll(async () => {
  await app?.stop();
});

const list = () => apiCall<Listing>(app, 'annotations.list', { slideId });
const live = async () => (await list()).annotations;
const byId = async (id: number) => (await live()).find((a) => a.id === id);

/** The slide at its home view (fit to the viewer, centred): level-0 px → page px. */
async function homeView(page: Page) {
  await page.keyboard.press('0');
  await page.waitForTimeout(900);
  const box = (await page.getByTestId('slide-viewer').boundingBox())!;
  const scale = Math.min(box.width / W, box.height / H);
  const ox = box.x + (box.width - W * scale) / 2;
  const oy = box.y + (box.height - H * scale) / 2;
  const viewer = page.getByTestId('slide-viewer');
  return {
    scale,
    at: (x: number, y: number): [number, number] => [ox + x * scale, oy + y * scale],
    /** Waits until the viewer has its size of then again (a toolbar that wrapped to a new row shrinks it). */
    steady: () => expect.poll(() => viewer.boundingBox()).toEqual(box),
  };
}

async function drag(page: Page, from: [number, number], to: [number, number], steps = 8) {
  await page.mouse.move(...from);
  await page.mouse.down();
  await page.mouse.move(...to, { steps });
  await page.mouse.up();
}

/** How many pixels of the annotation layer are painted. */
const paintedPixels = (page: Page) =>
  page.getByTestId('annotation-layer').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });

/** Waits until the stored annotations satisfy `check` (edits are stored asynchronously). */
async function until<T>(read: () => Promise<T>, check: (v: T) => boolean): Promise<T> {
  let v = await read();
  for (let i = 0; i < 50 && !check(v); i++) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  expect(check(v)).toBe(true);
  return v;
}

const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface RecordedEvent {
  type: string;
  t: number;
  action?: string;
  annotationId?: string;
  label?: string;
  geometry?: { kind: string; points?: number[][]; polygons?: unknown[] };
  cx?: number;
  cy?: number;
}

/** The events of the slide's session so far, as the core stores them (what a session export holds). */
async function recordedEvents(): Promise<RecordedEvent[]> {
  const [session] = await apiCall<Array<{ id: number }>>(app, 'recording.list', { slideId });
  return (await apiCall<{ events: RecordedEvent[] }>(app, 'recording.events', { sessionId: session.id })).events;
}

/** Waits until the recorded view is centred on (x, y) level-0 px: the viewer flew there. */
const untilCentredOn = (x: number, y: number) =>
  until(
    async () => (await recordedEvents()).filter((e) => e.type === 'viewport').at(-1)!,
    (v) => near(v.cx!, x, 2) && near(v.cy!, y, 2),
  );

/** Undo and redo of the last edit of `id`: back to `before`, then to `after`. */
async function undoRedo(page: Page, id: number, before: Geometry, after: Geometry) {
  await page.keyboard.press('Control+z');
  await until(() => byId(id), (a) => same(a!.geometry, before));
  await page.keyboard.press('Control+Shift+z');
  await until(() => byId(id), (a) => same(a!.geometry, after));
}

test('draw every shape, edit, undo and redo, classify, delete, export and re-import', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await page.getByRole('table', { name: 'Files in case' }).getByRole('button', { name: 'pyramid-jpeg.tif' }).click();
  await expect(page.getByLabel('Recording status')).toContainText('Recording');
  await page.getByRole('tab', { name: 'Annotations' }).click();

  // A class made in the tab gets the first free shortcut (Stroma, made through the API, holds 2).
  await page.getByLabel('New class name').fill('Tumour');
  await page.getByRole('button', { name: 'Add class' }).click();
  await expect(page.getByLabel('Shortcut of Tumour')).toHaveValue('1');
  const tumour = (await list()).classes.find((c) => c.name === 'Tumour')!;
  expect(tumour.shortcut).toBe(1);

  await page.getByTestId('slide-viewer').click();
  const v = await homeView(page);
  const tol = 2 / v.scale; // two screen pixels, in level-0 px

  // Rectangle (R): a drag draws instead of panning.
  await page.keyboard.press('r');
  await drag(page, v.at(200, 200), v.at(600, 500));
  const [rect] = await until(live, (a) => a.length === 1);
  expect(rect.geometry.type).toBe('rectangle');
  const rg = rect.geometry as unknown as { x: number; y: number; width: number; height: number };
  expect(near(rg.x, 200, tol) && near(rg.y, 200, tol) && near(rg.width, 400, tol) && near(rg.height, 300, tol)).toBe(true);
  await expect(page.getByTestId('measure-area')).toHaveText(`${Math.round(rg.width * rg.height * MPP * MPP).toLocaleString('en')} µm²`);

  // Ellipse (O).
  await page.keyboard.press('o');
  await drag(page, v.at(800, 200), v.at(1200, 400));
  const ellipse = (await until(live, (a) => a.length === 2)).at(-1)!;
  expect(ellipse.geometry).toMatchObject({ type: 'ellipse', rotation: 0 });
  expect(near(ellipse.geometry.cx as number, 1000, tol) && near(ellipse.geometry.rx as number, 200, tol) && near(ellipse.geometry.ry as number, 100, tol)).toBe(true);

  // Polygon (P): clicks add corners, a double-click closes it.
  await page.keyboard.press('p');
  for (const [x, y] of [
    [300, 800],
    [700, 800],
    [700, 1200],
  ]) {
    await page.mouse.click(...v.at(x, y));
    await page.waitForTimeout(350); // slower than a double-click
  }
  await page.mouse.dblclick(...v.at(300, 1100));
  const polygon = (await until(live, (a) => a.length === 3)).at(-1)!;
  const ring = (polygon.geometry.rings as number[][][])[0];
  expect(polygon.geometry.type).toBe('polygon');
  expect(ring).toHaveLength(5);
  expect(near(ring[1][0], 700, tol) && near(ring[1][1], 800, tol)).toBe(true);

  // Brush (B), then erase across it with Alt held: the stroke falls apart in two.
  await page.keyboard.press('b');
  await drag(page, v.at(1000, 700), v.at(1800, 700), 20);
  const brush = (await until(live, (a) => a.length === 4)).at(-1)!;
  expect(brush.geometry.type).toBe('polygon');
  await page.keyboard.down('Alt');
  await drag(page, v.at(1400, 550), v.at(1400, 850), 10);
  await page.keyboard.up('Alt');
  const erased = await until(() => byId(brush.id), (a) => a?.geometry.type === 'multipolygon');
  expect((erased!.geometry.polygons as unknown[]).length).toBe(2);
  await undoRedo(page, brush.id, brush.geometry, erased!.geometry);

  // Points (.).
  await page.keyboard.press('.');
  await v.steady();
  await page.mouse.click(...v.at(1500, 1300));
  const point = (await until(live, (a) => a.length === 5)).at(-1)!;
  expect(near(point.geometry.x as number, 1500, tol) && near(point.geometry.y as number, 1300, tol)).toBe(true);

  // Line (L): the length in µm is shown while drawing and once drawn.
  await page.keyboard.press('l');
  const [lx0, ly0] = v.at(1000, 1000);
  const [lx1, ly1] = v.at(1400, 1300);
  await page.mouse.move(lx0, ly0);
  await page.mouse.down();
  await page.mouse.move(lx1, ly1, { steps: 8 });
  await expect(page.getByTestId('draw-readout')).toHaveText(/^[\d.]+ µm$/);
  await page.mouse.up();
  const line = (await until(live, (a) => a.length === 6)).at(-1)!;
  const [[ax, ay], [bx, by]] = line.geometry.points as number[][];
  const um = Math.hypot(bx - ax, by - ay) * MPP;
  expect(um).toBeGreaterThan(120);
  expect(um).toBeLessThan(130);
  await expect(page.getByTestId('measure-length')).toHaveText(formatLengthUm(um));

  // Freehand polygon (P, then drag): the path's vertices, closed with Enter.
  await page.keyboard.press('p');
  await page.mouse.move(...v.at(1500, 150));
  await page.mouse.down();
  for (const [x, y] of [
    [1900, 150],
    [1900, 450],
    [1500, 450],
  ]) {
    await page.mouse.move(...v.at(x, y), { steps: 6 });
  }
  await page.mouse.up();
  await page.keyboard.press('Enter');
  const freehand = (await until(live, (a) => a.length === 7)).at(-1)!;
  expect(freehand.geometry.type).toBe('polygon');
  const freeRing = (freehand.geometry.rings as number[][][])[0];
  expect(freeRing.length).toBeGreaterThan(12);
  expect(freeRing.every(([x, y]) => x >= 1500 - tol && x <= 1900 + tol && y >= 150 - tol && y <= 450 + tol)).toBe(true);

  // Fill and show/hide: A hides every annotation, A again shows them.
  const painted = await paintedPixels(page);
  expect(painted).toBeGreaterThan(1000);
  await page.keyboard.press('f');
  await expect.poll(() => paintedPixels(page)).toBeLessThan(painted / 2);
  await page.keyboard.press('f');
  await page.keyboard.press('a');
  await expect.poll(() => paintedPixels(page)).toBe(0);
  await page.keyboard.press('a');
  await expect.poll(() => paintedPixels(page)).toBe(painted);

  // Select (S) and move (M): drag the rectangle by 100 × 50 level-0 px.
  await page.keyboard.press('s');
  await page.mouse.click(...v.at(400, 300));
  await expect(page.getByRole('region', { name: 'Selected annotation' })).toContainText(`Rectangle ${rect.id}`);
  await page.keyboard.press('m');
  await drag(page, v.at(400, 300), v.at(500, 350));
  const moved = await until(() => byId(rect.id), (a) => a!.version > rect.version);
  expect(near(moved!.geometry.x as number, rg.x + 100, tol) && near(moved!.geometry.y as number, rg.y + 50, tol)).toBe(true);
  expect(moved!.geometry.width).toBe(rg.width);
  await undoRedo(page, rect.id, rect.geometry, moved!.geometry);

  // Edit a vertex: drag the polygon's second corner.
  await page.keyboard.press('s');
  await page.mouse.click(...v.at(550, 1000));
  await expect(page.getByRole('region', { name: 'Selected annotation' })).toContainText(`Polygon ${polygon.id}`);
  await drag(page, v.at(ring[1][0], ring[1][1]), v.at(900, 700));
  const edited = await until(() => byId(polygon.id), (a) => a!.version > polygon.version);
  const editedRing = (edited!.geometry.rings as number[][][])[0];
  expect(near(editedRing[1][0], 900, tol) && near(editedRing[1][1], 700, tol)).toBe(true);
  expect(editedRing[0]).toEqual(ring[0]);

  // Undo brings the corner back, redo (Ctrl+Shift+Z, Ctrl+Y) moves it again.
  await page.keyboard.press('Control+z');
  await until(() => byId(polygon.id), (a) => JSON.stringify(a!.geometry) === JSON.stringify(polygon.geometry));
  await page.keyboard.press('Control+Shift+z');
  await until(() => byId(polygon.id), (a) => JSON.stringify(a!.geometry) === JSON.stringify(edited!.geometry));
  await page.keyboard.press('Control+z');
  await until(() => byId(polygon.id), (a) => JSON.stringify(a!.geometry) === JSON.stringify(polygon.geometry));
  await page.keyboard.press('Control+y');
  await until(() => byId(polygon.id), (a) => JSON.stringify(a!.geometry) === JSON.stringify(edited!.geometry));

  // Undo and redo after editing the other kinds: an ellipse's axis, a line's end and a point, each dragged by its handle.
  const handleEdits: Array<[Annotation, [number, number], [number, number], [number, number]]> = [
    [ellipse, [1000, 300], [(ellipse.geometry.cx as number) + (ellipse.geometry.rx as number), ellipse.geometry.cy as number], [1300, 300]],
    [line, [(ax + bx) / 2, (ay + by) / 2], [bx, by], [1500, 1400]],
    [point, [point.geometry.x as number, point.geometry.y as number], [point.geometry.x as number, point.geometry.y as number], [1560, 1240]],
  ];
  for (const [a, inside, handle, to] of handleEdits) {
    await page.mouse.click(...v.at(...inside));
    await expect(page.getByRole('region', { name: 'Selected annotation' })).toContainText(String(a.id));
    await drag(page, v.at(...handle), v.at(...to));
    const after = await until(() => byId(a.id), (x) => x!.version > a.version);
    await undoRedo(page, a.id, a.geometry, after!.geometry);
    await page.keyboard.press('Control+z');
    await until(() => byId(a.id), (x) => same(x!.geometry, a.geometry));
  }
  await page.mouse.click(...v.at(550, 1000));

  // Shift+digit gives the selection the class with that shortcut (plain 1 stays a magnification key); undo and redo it.
  await expect(page.getByRole('region', { name: 'Selected annotation' })).toContainText(`Polygon ${polygon.id}`);
  await page.keyboard.press('Shift+1');
  await until(() => byId(polygon.id), (a) => a!.classId === tumour.id);
  await page.keyboard.press('Control+z');
  await until(() => byId(polygon.id), (a) => a!.classId === null);
  await page.keyboard.press('Control+Shift+z');
  await until(() => byId(polygon.id), (a) => a!.classId === tumour.id);
  await page.keyboard.down('Shift');
  await page.mouse.click(...v.at(500, 350)); // Shift+click adds the moved rectangle
  await page.keyboard.up('Shift');
  await expect(page.getByRole('region', { name: 'Selected annotations' })).toContainText('2 annotations selected');
  await page.keyboard.press('Shift+2');
  await until(list, (l) => [polygon.id, rect.id].every((id) => l.annotations.find((a) => a.id === id)!.classId === l.classes.find((c) => c.name === 'Stroma')!.id));

  // A description is an undoable edit too.
  await page.mouse.click(...v.at(1500, 1300));
  await page.getByLabel('Description').fill('Mitotic figure');
  await page.getByTestId('slide-viewer').click({ position: { x: 5, y: 5 } });
  await until(() => byId(point.id), (a) => a!.description === 'Mitotic figure');
  await page.keyboard.press('Control+z');
  await until(() => byId(point.id), (a) => a!.description === '');
  await page.keyboard.press('Control+y');
  await until(() => byId(point.id), (a) => a!.description === 'Mitotic figure');

  // Delete, and undo the delete: the same annotation comes back.
  await page.mouse.click(...v.at(1500, 1300));
  await page.keyboard.press('Delete');
  await until(live, (a) => !a.some((x) => x.id === point.id));
  await page.keyboard.press('Control+z');
  await until(live, (a) => a.some((x) => x.id === point.id));

  // N flies to the next annotation of the list: the view is centred on it, closer than the whole slide.
  const homeMagnification = await page.getByTestId('magnification').textContent();
  await page.keyboard.press('n');
  await expect(page.getByRole('region', { name: 'Selected annotation' })).toContainText(`Rectangle ${rect.id}`);
  await untilCentredOn((moved!.geometry.x as number) + rg.width / 2, (moved!.geometry.y as number) + rg.height / 2);
  await expect(page.getByTestId('magnification')).not.toHaveText(homeMagnification!);
  await page.keyboard.press('n');
  await expect(page.getByRole('region', { name: 'Selected annotation' })).toContainText(`Ellipse ${ellipse.id}`);
  await untilCentredOn(ellipse.geometry.cx as number, ellipse.geometry.cy as number);

  // The list filtered by class shows only that class's annotations; clicking one flies to it.
  const rows = page.getByRole('list', { name: 'Annotations' }).getByRole('button');
  await page.getByLabel('Filter by class').selectOption({ label: 'Stroma' });
  await expect(page.getByTestId('annotation-count')).toHaveText('2');
  await expect(rows).toHaveText([new RegExp(`Rectangle ${rect.id}\\s*Stroma`), new RegExp(`Polygon ${polygon.id}\\s*Stroma`)]);
  await page.getByLabel('Filter by class').selectOption({ label: 'unclassified' });
  await expect(page.getByTestId('annotation-count')).toHaveText('5');
  await page.getByLabel('Filter by class').selectOption({ label: 'Stroma' });
  await rows.filter({ hasText: `Polygon ${polygon.id}` }).click();
  await expect(page.getByRole('region', { name: 'Selected annotation' })).toContainText(`Polygon ${polygon.id}`);
  const xs = editedRing.map((p) => p[0]);
  const ys = editedRing.map((p) => p[1]);
  await untilCentredOn((Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2);
  await page.getByLabel('Filter by class').selectOption({ label: 'all classes' });

  // Export both formats through the browser's download, re-import them, and compare with what is stored.
  const before = await list();
  const download = async (name: string) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8') };
  };
  const geojson = await download('Export GeoJSON');
  const asap = await download('Export ASAP XML');
  expect(geojson.name).toMatch(/\.geojson$/);
  expect(asap.name).toMatch(/\.xml$/);
  expect(asap.text).toContain('<ASAP_Annotations>');
  const shapes = (l: Listing) =>
    l.annotations.map((a) => JSON.stringify([a.geometry, l.classes.find((c) => c.id === a.classId)?.name ?? null])).sort();
  for (const file of [geojson, asap]) {
    const ids = new Set((await live()).map((a) => a.id));
    await page.getByLabel('Import annotations file').setInputFiles({ name: file.name, mimeType: 'text/plain', buffer: Buffer.from(file.text) });
    await expect(page.getByRole('status').filter({ hasText: `Imported 7 annotations from ${file.name}` })).toBeVisible();
    const after = await list();
    expect(shapes({ ...after, annotations: after.annotations.filter((a) => !ids.has(a.id)) })).toEqual(shapes(before));
  }
  await expect(page.getByTestId('annotation-count')).toHaveText('21');

  // An invalid file is refused with the place of the problem, and nothing of it is stored.
  const broken = JSON.parse(geojson.text) as { features: Array<{ geometry: { coordinates: unknown } }> };
  broken.features[2].geometry.coordinates = [[[0, 0], [10, 0], [0, 0]]];
  await page.getByLabel('Import annotations file').setInputFiles({ name: 'broken.geojson', mimeType: 'text/plain', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(page.getByRole('alert').first()).toContainText('features[2]');
  expect(await live()).toHaveLength(21);

  // Deleting a class leaves its annotations unclassified; Ctrl+Z brings the class back with them.
  const stromaIds = (await list()).annotations.filter((a) => a.classId === (before.classes.find((c) => c.name === 'Stroma')!.id)).map((a) => a.id);
  expect(stromaIds).toHaveLength(6);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete class Stroma' }).click();
  await until(list, (l) => !l.classes.some((c) => c.name === 'Stroma') && stromaIds.every((id) => l.annotations.find((a) => a.id === id)!.classId === null));
  await page.keyboard.press('Control+z');
  const restored = await until(list, (l) => {
    const c = l.classes.find((x) => x.name === 'Stroma');
    return !!c && c.shortcut === 2 && stromaIds.every((id) => l.annotations.find((a) => a.id === id)!.classId === c.id);
  });
  await expect(page.getByLabel('Shortcut of Stroma')).toHaveValue('2');

  // Every edit is an event of the recorded session.
  await page.getByRole('button', { name: '← Library' }).click();
  await expect(page.getByRole('table', { name: 'Files in case' })).toBeVisible();
  const [session] = await apiCall<Array<{ id: number }>>(app, 'recording.list', { slideId });
  const { events } = await apiCall<{ events: RecordedEvent[] }>(app, 'recording.events', { sessionId: session.id });
  const edits = events.filter((e) => e.type === 'annotation');
  const of = (id: number, action: string) => edits.filter((e) => e.annotationId === String(id) && e.action === action);
  // Each shape was recorded as what it is.
  expect([rect, ellipse, polygon, brush, point, line, freehand].map((a) => of(a.id, 'create')[0]?.geometry?.kind)).toEqual(['rect', 'ellipse', 'polygon', 'polygon', 'point', 'line', 'polygon']);
  expect(of(line.id, 'create')[0].geometry!.points).toEqual(line.geometry.points);
  expect(of(brush.id, 'update')[0].geometry).toMatchObject({ kind: 'multipolygon', polygons: [{}, {}] });
  expect(of(point.id, 'delete')).toHaveLength(1);
  expect(of(point.id, 'create')).toHaveLength(2); // drawn, and restored by undo
  expect(of(polygon.id, 'update').some((e) => e.label === 'Tumour')).toBe(true);
  // Each import is one event naming the ids it created, with the file's name.
  const imports = edits.filter((e) => e.action === 'import');
  expect(imports.map((e) => e.label)).toEqual([geojson.name, asap.name]);
  expect(imports.every((e) => /^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(e.annotationId!) && e.geometry?.kind === 'rect')).toBe(true);
  // The class's deletion and its undo: an update of each of its annotations, the last one giving them Stroma again.
  for (const id of stromaIds) expect(of(id, 'update').at(-1)!.label).toBe('Stroma');
  expect(edits.filter((e) => e.action === 'update' && stromaIds.includes(Number(e.annotationId)) && e.t > imports[1].t)).toHaveLength(12);
  expect(restored.classes.find((c) => c.name === 'Stroma')!.id).not.toBe(before.classes.find((c) => c.name === 'Stroma')!.id);
});
