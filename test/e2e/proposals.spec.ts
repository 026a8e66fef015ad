import { basename } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { iou, type Box } from '../../shared/models/boxes';
import { lesionSlide, type LesionSlide } from '../fixtures/lesions/lesionSlide';
import { scriptedSessionJsonl } from '../fixtures/lesions/scriptedSessions';
import { apiCall, seedCase, serveProcess, signIn, tempDataDir, type ServedApp } from './support/app';

interface Stored {
  id: number;
  box: Box;
  score: number;
  confidence: number;
  abstain: boolean;
  status: string;
  decidedByName: string | null;
  reviewItemId: number | null;
}

let app: ServedApp;
let slide: LesionSlide;
let doubtful: LesionSlide;
let slideId: number;
let doubtfulId: number;
let projectId: number;

test.beforeAll(async () => {
  slide = await lesionSlide('test', 1); // a 2560 × 1920 slide at 5× with planted lesions
  doubtful = await lesionSlide('test', 10); // the shipped model abstains on two regions of this one
  app = await serveProcess(tempDataDir());
  const seeded = await seedCase(app);
  projectId = seeded.projectId;
  slideId = (await apiCall<{ id: number }>(app, 'files.add', { caseId: seeded.caseId, path: slide.path }, seeded.userId)).id;
  doubtfulId = (await apiCall<{ id: number }>(app, 'files.add', { caseId: seeded.caseId, path: doubtful.path }, seeded.userId)).id;
  // An expert's recorded navigation on both slides: what "Train from sessions" learns from.
  for (const [i, [s, id]] of ([[slide, slideId], [doubtful, doubtfulId]] as const).entries()) {
    const jsonl = scriptedSessionJsonl({ id: basename(s.path), width: s.width, height: s.height, mpp: s.mpp, lesions: s.lesions }, 900 + i);
    await apiCall(app, 'recording.import', { slideId: id, jsonl }, seeded.userId);
  }
});

async function openSlide(page: Page, name: string): Promise<void> {
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await page.getByRole('table', { name: 'Files in case' }).getByRole('button', { name }).click();
  await expect(page.getByTestId('slide-viewer')).toBeVisible();
  await page.getByRole('tab', { name: 'Proposals' }).click();
}
test.afterAll(async () => {
  await app?.stop();
});

test('proposals appear as ghost boxes on a planted-lesion slide; accepting one queues it for review, rejecting one is kept', async ({ page }) => {
  await openSlide(page, 'lesions-30001.tif');
  await expect(page.getByLabel('Model')).toHaveValue('shipped:roi-proposer@1.0.0');
  await page.getByRole('button', { name: 'Propose regions' }).click();

  const rows = page.getByTestId('proposal-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const n = await rows.count();
  expect(n).toBeGreaterThanOrEqual(2);
  await expect(page.getByRole('button', { name: 'Propose regions' })).toBeEnabled();

  // Ghost boxes over the slide, one per proposal, each with its score and confidence.
  const ghosts = page.getByTestId('proposal-box');
  await expect(ghosts).toHaveCount(n);
  await expect(ghosts.first()).toContainText(/score 0\.\d\d · confidence \d+%/);
  const abstaining = await rows.evaluateAll((els) => els.filter((e) => e.getAttribute('data-abstain') === 'true').length);
  await expect(page.getByTestId('proposal-overlay').getByText('abstain — needs an expert')).toHaveCount(abstaining);

  // Accept the best one, reject the second.
  await page.getByRole('button', { name: 'Accept proposal 1' }).click();
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'accepted');
  await expect(rows.nth(0)).toContainText('accepted by Dr. Ada Rivera · in the review queue');
  await page.getByRole('button', { name: 'Reject proposal 2' }).click();
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'rejected');
  await expect(page.locator('[data-testid="proposal-box"][data-status="accepted"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="proposal-box"][data-status="rejected"]')).toHaveCount(1);

  // G hides and shows the ghost boxes; so does the toolbar button.
  await page.getByTestId('slide-viewer').click();
  await page.keyboard.press('g');
  await expect(page.getByTestId('proposal-overlay')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Proposals/ })).toHaveAttribute('aria-pressed', 'false');
  await page.getByRole('button', { name: /^Proposals/ }).click();
  await expect(ghosts).toHaveCount(n);

  // What was stored: the decisions, and a review item for the accepted proposal with its model's figures.
  const list = await apiCall<{ model: { name: string; version: string }; proposals: Stored[] }>(app, 'proposals.list', { slideId });
  expect(list.model).toEqual({ name: 'roi-proposer', version: '1.0.0' });
  expect(list.proposals.map((p) => p.status)).toEqual(['accepted', 'rejected', ...Array(n - 2).fill('proposed')]);
  expect(list.proposals[1]).toMatchObject({ decidedByName: 'Dr. Ada Rivera', reviewItemId: null });
  for (const lesion of slide.lesions) expect(Math.max(...list.proposals.map((p) => iou(p.box, lesion)))).toBeGreaterThanOrEqual(0.3);
  const queue = await apiCall<{ items: Array<{ id: number; source: string; box: Box; model: { name: string; version: string } | null }> }>(app, 'review.list', { projectId });
  const fromModel = queue.items.filter((i) => i.source === 'model');
  expect(fromModel).toEqual([expect.objectContaining({ id: list.proposals[0].reviewItemId, box: list.proposals[0].box, model: expect.objectContaining({ name: 'roi-proposer', version: '1.0.0' }) })]);

  // The order by uncertainty puts abstentions and the least confident first, as the stored confidences say.
  const byScore = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
  await page.getByLabel('Order').selectOption('uncertainty');
  const expected = [...list.proposals].sort((a, b) => Number(b.abstain) - Number(a.abstain) || a.confidence - b.confidence).map((p) => p.id);
  expect(expected).not.toEqual(byScore);
  await expect.poll(() => rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))))).toEqual(expected);
  const leastSure = list.proposals.find((p) => p.id === expected[0]) as Stored;
  await expect(rows.first()).toContainText(`confidence ${Math.round(leastSure.confidence * 100)}%`);
});

test('a proposal the model abstained on carries the abstain marker in the list and on the slide', async ({ page }) => {
  const run = await apiCall<{ proposals: Stored[] }>(app, 'models.propose', { slideId: doubtfulId });
  const abstained = run.proposals.filter((p) => p.abstain);
  expect(abstained.length).toBeGreaterThanOrEqual(1);
  await openSlide(page, 'lesions-30010.tif');
  const rows = page.getByTestId('proposal-row');
  await expect(rows).toHaveCount(run.proposals.length);
  const marked = page.locator('[data-testid="proposal-row"][data-abstain="true"]');
  await expect(marked).toHaveCount(abstained.length);
  for (let i = 0; i < abstained.length; i++) await expect(marked.nth(i)).toContainText('abstain — needs an expert');
  await expect(page.locator('[data-testid="proposal-row"][data-abstain="false"]').getByText('abstain — needs an expert')).toHaveCount(0);
  const ghosts = page.locator('[data-testid="proposal-box"][data-abstain="true"]');
  await expect(ghosts).toHaveCount(abstained.length);
  await expect(page.getByTestId('proposal-overlay').getByText('abstain — needs an expert')).toHaveCount(abstained.length);
  // By uncertainty, the abstentions come first; the expert settles them: on a lesion accepted, elsewhere rejected.
  await page.getByLabel('Order').selectOption('uncertainty');
  await expect(rows.first()).toHaveAttribute('data-abstain', 'true');
  for (let i = 0; i < abstained.length; i++) {
    const row = rows.nth(i);
    const id = Number(await row.getAttribute('data-id'));
    const p = run.proposals.find((x) => x.id === id) as Stored;
    const onLesion = doubtful.lesions.some((l) => iou(p.box, l) >= 0.3);
    await row.getByRole('button', { name: onLesion ? /^Accept/ : /^Reject/ }).click();
    await expect(row).toHaveAttribute('data-status', onLesion ? 'accepted' : 'rejected');
  }
});

test('Settings lists the models and says clearly why a model cannot be added', async ({ page }) => {
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  const models = page.getByRole('region', { name: 'Models' });
  await expect(models.getByTestId('model-row').filter({ hasText: 'roi-proposer' })).toHaveAttribute('data-status', 'ok');
  const form = page.getByRole('form', { name: 'Add model' });
  await form.getByLabel('card.json (or the .onnx file)').fill('/no/such/folder/card.json');
  await form.getByRole('button', { name: 'Add model' }).click();
  await expect(form.getByRole('alert')).toHaveText('There is no model card at /no/such/folder/card.json.');
});

test('"Train from sessions" retrains the proposer on the project with progress; the new version is listed and selectable, the earlier one kept', async ({ page }) => {
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  const models = page.getByRole('region', { name: 'Models' });
  const learn = models.getByLabel('Learn from a project');
  await expect(learn.getByLabel('Project to learn from')).toHaveValue(String(projectId));
  await learn.getByRole('button', { name: 'Train from sessions' }).click();
  // While it runs: what it is doing, and a way to stop it.
  await expect(learn.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(learn.getByText(/(Reading slide \d of 2|Training on \d images|Training the region proposer)…/)).toBeVisible();
  await expect(learn.getByRole('status')).toContainText(/Trained roi-proposer 1\.1\.0 on 1 slide\. Held out \(1\): recall@5 \d\.\d\d, precision \d\.\d\d \(before: \d\.\d\d, \d\.\d\d\)\./, { timeout: 30_000 });
  await expect(learn.getByRole('button', { name: 'Train from sessions' })).toBeEnabled();

  const rows = models.getByTestId('model-row');
  await expect(rows.filter({ hasText: 'roi-proposer 1.1.0' })).toHaveAttribute('data-status', 'ok');
  await expect(rows.filter({ hasText: 'roi-proposer 1.1.0' })).toContainText('trained here');
  await expect(rows.filter({ hasText: 'roi-proposer 1.0.0' })).toHaveAttribute('data-status', 'ok');
  const use = models.getByLabel('Region proposals use');
  await expect(use.locator('option')).toHaveText(['the newest usable version', 'roi-proposer 1.1.0', 'roi-proposer 1.0.0']);
  await use.selectOption('user:roi-proposer@1.1.0');
  await expect(use).toHaveValue('user:roi-proposer@1.1.0');
  await use.selectOption('shipped:roi-proposer@1.0.0');
  await expect(use).toHaveValue('shipped:roi-proposer@1.0.0');

  const card = (await apiCall<Array<{ id: string; training: { sources?: { positives: Record<string, unknown>; negatives: Record<string, unknown> } } | null }>>(app, 'models.list', {})).find((m) => m.id === 'user:roi-proposer@1.1.0');
  expect(Object.keys(card?.training?.sources?.positives ?? {}).sort()).toEqual(['acceptedProposals', 'inspect', 'peek']);
  expect(Object.keys(card?.training?.sources?.negatives ?? {}).sort()).toEqual(['lowPowerViews', 'rejectedProposals']);
});
