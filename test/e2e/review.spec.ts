import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeNavigationJsonl, viewportEvent, type NavigationEvent } from '../../shared/navigation';
import { slideFixture } from '../fixtures/slides/generate';
import { apiCall, seedCase, serveProcess, signIn, tempDataDir, type ServedApp } from './support/app';

interface Item {
  id: number;
  kind: string;
  source: string;
  draft: { fields: Record<string, string> } | null;
  review: { decision: string; mode: string; final: Record<string, string>; elapsedMs: number; keystrokes: Record<string, number>; editDistance: Record<string, number> } | null;
}

let app: ServedApp;
let projectId: number;
let slideId: number;
const outDir = join(tempDataDir(), 'dataset');

/** An imported session on the aperio fixture (4800 × 3600 px, 20× scan): a 10× inspect with a 40× peek inside, then another 10× inspect. */
function session(sha256: string): string {
  const looks = [
    { cx: 1440, cy: 1080, mag: 10, ms: 3000 },
    { cx: 1440, cy: 1080, mag: 40, ms: 2000 },
    { cx: 3360, cy: 2520, mag: 10, ms: 3000 },
  ];
  const events: NavigationEvent[] = [];
  let t = 0;
  for (const l of looks) {
    events.push(viewportEvent({ t, cx: l.cx, cy: l.cy, zoom: l.mag / 20, cw: 400, ch: 300 }));
    t += l.ms;
  }
  events.push({ type: 'end', t });
  return serializeNavigationJsonl({ slide: { type: 'slide', id: sha256, width: 4800, height: 3600, mpp: 0.499, objectivePower: 20 }, events });
}

test.beforeAll(async () => {
  const path = await slideFixture('aperio-jpeg.svs');
  app = await serveProcess(tempDataDir());
  const seeded = await seedCase(app);
  projectId = seeded.projectId;
  const file = await apiCall<{ id: number; sha256: string }>(app, 'files.add', { caseId: seeded.caseId, path }, seeded.userId);
  slideId = file.id;
  await apiCall(app, 'slides.open', { slideId }, seeded.userId);
  await apiCall(app, 'recording.import', { slideId, jsonl: session(file.sha256) }, seeded.userId);
});
test.afterAll(async () => {
  await app?.stop();
});

test('a reviewer drafts, accepts, edits and rejects with the keyboard, writes one in manual mode, sees the dashboard, and exports', async ({ page }) => {
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Review' }).click();

  const queue = page.getByRole('list', { name: 'Review queue' });
  await expect(queue.getByRole('listitem')).toHaveCount(3);
  await page.getByRole('button', { name: 'Draft rationales' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Drafted 3 items with the built-in backend' })).toBeVisible();

  // First item: the slide's first impression, drafted and labelled as an AI draft; Enter accepts it as it is.
  const item = page.getByRole('article');
  await expect(item.getByRole('heading', { name: 'First impression' })).toBeVisible();
  await expect(page.getByTestId('ai-label')).toContainText('AI draft · built-in 1.0.0 · sightline-templates templates-1');
  await expect(item.getByLabel('First impression')).toHaveValue(/Low-power view/);
  await expect(item.getByRole('img', { name: "Slide thumbnail with the region's box" })).toHaveJSProperty('complete', true);
  await page.keyboard.press('Enter');

  // Second: the inspect with its peek: thumbnail, region and high-power crop; E edits, Ctrl+Enter saves.
  await expect(item.getByRole('heading', { name: /^Inspect 10×/ })).toBeVisible();
  const region = item.getByRole('img', { name: 'The region at 10×' });
  await expect(region).toBeVisible();
  await expect.poll(() => region.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(400);
  await expect(item.getByRole('img', { name: 'High-power view 1 at 40×' })).toBeVisible();
  await expect(item.getByLabel('Findings at high power')).toHaveValue(/At 40×/);
  await page.keyboard.press('e');
  await expect(item.getByLabel('Why look here')).toBeFocused();
  await page.keyboard.type(' Glands OK.');
  await page.keyboard.press('Control+Enter');

  // Third: X rejects.
  await expect(item.getByRole('heading', { name: /^Inspect 10×/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Saved with edits.' })).toBeVisible();
  await page.keyboard.press('x');
  await expect(page.getByText('All items reviewed')).toBeVisible();

  // A model proposal, written from scratch in manual mode (the baseline).
  const a = (await apiCall<{ items: Item[] }>(app, 'review.list', { projectId })).items.find((i) => i.review?.decision === 'edit')!;
  await apiCall(app, 'review.addProposals', { slideId, model: { name: 'roi-proposer', version: '1.0.0' }, proposals: [{ box: [200, 200, 1000, 800], score: 0.7, confidence: 0.5 }] });
  await page.getByText('Manual (baseline)').click();
  await page.getByRole('button', { name: 'Update queue' }).click();
  await expect(item.getByRole('heading', { name: /^Model proposal 10×/ })).toBeVisible();
  await expect(item.getByLabel('Why look here')).toHaveValue('');
  await item.getByLabel('Why look here').fill('Edge of the tissue, crushed.');
  await item.getByLabel('Findings at this magnification').click();
  await page.keyboard.type('Crush artefact only.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('All items reviewed')).toBeVisible();

  // What was stored: decisions, final texts, timings, keystrokes and edit distances.
  const items = (await apiCall<{ items: Item[] }>(app, 'review.list', { projectId })).items;
  expect(items.map((i) => [i.kind, i.source, i.review?.decision, i.review?.mode])).toEqual([
    ['impression', 'slide', 'accept', 'review'],
    ['inspect', 'behavior', 'edit', 'review'],
    ['inspect', 'behavior', 'reject', 'review'],
    ['inspect', 'model', 'edit', 'manual'],
  ]);
  const edited = items[1].review!;
  expect(edited.final.why).toBe(`${a.draft!.fields.why} Glands OK.`);
  expect(edited.editDistance).toEqual({ why: 11, findings: 0, highPower: 0 });
  expect(edited.keystrokes.why).toBeGreaterThanOrEqual(11);
  for (const i of items) expect(i.review!.elapsedMs).toBeGreaterThan(0);
  expect(items[3].review!.final).toEqual({ why: 'Edge of the tissue, crushed.', findings: 'Crush artefact only.' });
  expect(items[3].review!.keystrokes.findings).toBe('Crush artefact only.'.length);

  // The dashboard shows the figures.
  await page.getByRole('button', { name: 'Dashboard' }).click();
  const dash = page.getByRole('region', { name: 'Review dashboard' });
  await expect(dash.getByTestId('median-review')).toHaveText(/^\d+\.\d s$/);
  await expect(dash.getByTestId('median-manual')).toHaveText(/^\d+\.\d s$/);
  await expect(dash.getByTestId('acceptance-rate')).toHaveText('33%');
  await expect(dash.getByTestId('edit-rate')).toHaveText('33%');
  await expect(dash.getByRole('img', { name: /Median time per item by reviewer/ })).toBeVisible();
  await expect(dash.getByRole('table', { name: 'Figures per reviewer' }).getByRole('row')).toHaveCount(2);

  // Export: the accepted and edited regions become a Pathology-CoT folder.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Export' }).click();
  await expect(page.getByTestId('export-summary')).toContainText('1 case, 2 regions, 1 high-power crop ready; 1 rejected (left out)');
  await page.getByLabel('Output folder').fill(outDir);
  await page.getByRole('button', { name: 'Export dataset' }).click();
  await expect(page.getByTestId('export-result')).toContainText('Exported 1 case, 2 regions');
  const manifest = readFileSync(join(outDir, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { region: string; decision: string; mode: string; folder: string });
  expect(manifest.map((l) => [l.region, l.decision, l.mode])).toEqual([
    ['box_1', 'edit', 'review'],
    ['cyto_box_1', 'edit', 'review'],
    ['box_2', 'edit', 'manual'],
  ]);
  expect(existsSync(join(outDir, manifest[0].folder, 'conversation.json'))).toBe(true);
  expect(readFileSync(join(outDir, manifest[0].folder, 'conversation.json'), 'utf8')).toContain('Glands OK.');
});
