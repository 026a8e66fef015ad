import { expect, test } from '@playwright/test';
import { iou, type Box } from '../../shared/models/boxes';
import { lesionSlide, type LesionSlide } from '../fixtures/lesions/lesionSlide';
import { apiCall, seedCase, serveProcess, signIn, tempDataDir, type ServedApp } from './support/app';

interface Stored {
  id: number;
  box: Box;
  status: string;
  decidedByName: string | null;
  reviewItemId: number | null;
}

let app: ServedApp;
let slide: LesionSlide;
let slideId: number;
let projectId: number;

test.beforeAll(async () => {
  slide = await lesionSlide('test', 1); // a 2560 × 1920 slide at 5× with planted lesions
  app = await serveProcess(tempDataDir());
  const seeded = await seedCase(app);
  projectId = seeded.projectId;
  slideId = (await apiCall<{ id: number }>(app, 'files.add', { caseId: seeded.caseId, path: slide.path }, seeded.userId)).id;
});
test.afterAll(async () => {
  await app?.stop();
});

test('proposals appear as ghost boxes on a planted-lesion slide; accepting one queues it for review, rejecting one is kept', async ({ page }) => {
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await page.getByRole('table', { name: 'Files in case' }).getByRole('button', { name: 'lesions-30001.tif' }).click();
  await expect(page.getByTestId('slide-viewer')).toBeVisible();
  await page.getByRole('tab', { name: 'Proposals' }).click();
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

  // The order by uncertainty puts abstentions and the least confident first.
  await page.getByLabel('Order').selectOption('uncertainty');
  await expect(rows).toHaveCount(n);
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
