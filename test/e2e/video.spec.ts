import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseCsvObjects } from '../../shared/feedback/csv';
import { parseVtt } from '../../shared/feedback/subtitles';
import { feedbackVideoPath, SPEECH_REMARKS } from '../fixtures/video/feedbackVideo';
import { parseXml } from '../unit/feedback/xmlTree';
import { apiCall, seedCase, serveProcess, signIn, tempDataDir, type ServedApp } from './support/app';

interface Instance {
  id: number;
  startMs: number;
  endMs: number;
  speaker: string;
  categories: string[];
  traineeResponses: string[];
  trainerReaction: string | null;
  transcript: string;
  source: string;
  status: string;
}

let app: ServedApp;
let videoId: number;
let userId: number;

test.beforeAll(async () => {
  const path = await feedbackVideoPath('webm');
  app = await serveProcess(tempDataDir());
  const seeded = await seedCase(app);
  userId = seeded.userId;
  videoId = (await apiCall<{ id: number }>(app, 'files.add', { caseId: seeded.caseId, path }, userId)).id;
});
test.afterAll(async () => {
  await app?.stop();
});

const instances = async () => (await apiCall<{ instances: Instance[] }>(app, 'video.instances.list', { videoId })).instances;
const clockMs = async (page: import('@playwright/test').Page) => {
  const text = (await page.getByTestId('video-clock').textContent()) ?? '';
  const m = /^(\d+):(\d+\.\d+)/.exec(text.trim());
  return m ? (Number(m[1]) * 60 + Number(m[2])) * 1000 : NaN;
};

test('plays a video, marks feedback with I and O, labels it, drags its edge, exports files that parse, and proposes the remarks from speech', async ({ page }) => {
  await page.goto(app.url);
  await signIn(page, 'Dr. Ada Rivera');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Video' }).click();
  const video = page.getByTestId('video-element');
  await expect(video).toBeVisible();
  await expect(page.getByTestId('video-clock')).toContainText('/ 0:12.');
  await expect(page.getByRole('img', { name: /^Timeline: 0 instance/ })).toBeVisible();

  // Play; mark in after a moment, out a little later.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => clockMs(page), { timeout: 10_000 }).toBeGreaterThan(800);
  await page.keyboard.press('i');
  await expect(page.getByTestId('mark-in')).toBeVisible();
  await expect.poll(() => clockMs(page), { timeout: 10_000 }).toBeGreaterThan(3000);
  await page.keyboard.press('o');
  await expect(page.getByTestId('instance-row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Pause' }).click();
  let [marked] = await instances();
  expect(marked).toMatchObject({ source: 'manual', status: 'accepted', speaker: 'trainer' });
  expect(marked.startMs).toBeGreaterThan(700);
  expect(marked.endMs - marked.startMs).toBeGreaterThan(1500);

  // Label it in the editor (stored at once), and with a category hotkey.
  const editor = page.getByRole('region', { name: 'Instance labels' });
  await editor.getByLabel('Anatomic').check();
  await editor.getByLabel('Behavioral Adjustment').check();
  await editor.getByLabel('Trainer reaction').selectOption('approval');
  await editor.getByLabel('Transcript').fill('Watch the ureter here, retract a bit more to the left.');
  await editor.getByLabel('Transcript').press('Tab');
  await page.getByRole('heading', { name: /Instances/ }).click();
  await page.keyboard.press('3');
  await expect.poll(async () => (await instances())[0].categories.sort()).toEqual(['anatomic', 'technical']);
  [marked] = await instances();
  expect(marked).toMatchObject({ traineeResponses: ['behavioral_adjustment'], trainerReaction: 'approval', transcript: 'Watch the ureter here, retract a bit more to the left.' });

  // Drag the end edge of the segment to the right on the timeline (whole video in view).
  await page.getByRole('button', { name: 'Show the whole video' }).click();
  const canvas = page.getByTestId('timeline');
  const box = (await canvas.boundingBox())!;
  const duration = 12080;
  const laneY = box.y + 20 + 44 + 14 + 2 + 14;
  const endX = box.x + (marked.endMs / duration) * box.width;
  await page.mouse.move(endX, laneY);
  await page.mouse.down();
  await page.mouse.move(endX + 60, laneY, { steps: 5 }); // about 1 s at this zoom
  await page.mouse.up();
  await expect.poll(async () => (await instances())[0].endMs).toBeGreaterThan(marked.endMs + 700);

  // Clicking the row seeks to its start.
  await page.getByTestId('instance-row').first().getByRole('button').first().click();
  await expect.poll(() => clockMs(page)).toBeLessThan(marked.startMs + 100);

  // The annotator's own playback actions were stored, and the edits as events of the same session.
  await expect
    .poll(async () => new Set((await apiCall<{ type: string }[]>(app, 'video.events.list', { videoId, kinds: 'playback' })).map((e) => e.type)), { timeout: 5000 })
    .toEqual(new Set(['open', 'play', 'pause', 'seek']));
  const events = await apiCall<{ type: string; session: string | null; entityId?: number }[]>(app, 'video.events.list', { videoId });
  const playSession = events.find((e) => e.type === 'play')!.session;
  const edits = events.filter((e) => e.entityId === marked.id);
  expect(edits.map((e) => e.type)).toEqual(['instance.create', ...new Array(edits.length - 1).fill('instance.update')]);
  expect(edits.length).toBeGreaterThanOrEqual(6);
  expect(new Set(edits.map((e) => e.session))).toEqual(new Set([playSession]));

  // Export CSV, WebVTT and ELAN into a folder; each file parses.
  const out = join(mkdtempSync(join(tmpdir(), 'sightline-video-export-')), 'export');
  await page.getByRole('tab', { name: 'Export' }).click();
  await page.getByLabel('JSON Lines').uncheck();
  await page.getByLabel('Export folder').fill(out);
  await page.getByRole('main').getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Export result' })).toContainText('1 instance(s) of 1 video(s)');
  const rows = parseCsvObjects(readFileSync(join(out, 'feedback.csv'), 'utf8'));
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ f_anatomic: '1', f_technical: '1', f_praise: '0', r_t_beh: '1', trainer_reaction: 'approval', speaker: 'trainer' });
  expect(Number(rows[0].start)).toBe(marked.startMs);
  const cues = parseVtt(readFileSync(join(out, `video-${videoId}.vtt`), 'utf8'));
  expect(cues).toHaveLength(1);
  expect(cues[0]).toMatchObject({ startMs: marked.startMs, speaker: 'Trainer', text: 'Watch the ureter here, retract a bit more to the left.' });
  const eaf = parseXml(readFileSync(join(out, `video-${videoId}.eaf`), 'utf8'));
  const tiers = eaf.children.filter((c) => c.name === 'TIER');
  expect(tiers.map((t) => t.attrs.TIER_ID)).toEqual(expect.arrayContaining(['Trainer', 'Categories', 'Trainee response', 'Trainer reaction']));
  const slots = eaf.children.find((c) => c.name === 'TIME_ORDER')!.children.map((s) => Number(s.attrs.TIME_VALUE));
  expect(slots[0]).toBe(marked.startMs);

  // Propose from speech: the two remarks come back as proposals, drawn apart from accepted instances.
  await page.getByRole('tab', { name: 'Annotate' }).click();
  await page.getByRole('button', { name: 'Propose from speech' }).click();
  await expect(page.locator('.instance-row.proposed')).toHaveCount(2, { timeout: 30_000 });
  const proposals = (await instances()).filter((i) => i.status === 'proposed');
  expect(proposals).toHaveLength(2);
  proposals.forEach((p, k) => {
    expect(Math.abs(p.startMs - SPEECH_REMARKS[k].start)).toBeLessThanOrEqual(300);
    expect(Math.abs(p.endMs - SPEECH_REMARKS[k].end)).toBeLessThanOrEqual(300);
  });
  await expect(page.locator('.instance-row.proposed').first()).toContainText('proposal');
  await page.locator('.instance-row.proposed').last().getByRole('button', { name: 'Accept' }).click();
  await expect(page.locator('.instance-row.proposed')).toHaveCount(1);
  await page.locator('.instance-row.proposed').first().getByRole('button', { name: 'Reject' }).click();
  await expect(page.locator('.instance-row.proposed')).toHaveCount(0);
  const after = await instances();
  expect(after.map((i) => [i.source, i.status])).toEqual([
    ['manual', 'accepted'],
    ['vad', 'accepted'],
  ]);
});
