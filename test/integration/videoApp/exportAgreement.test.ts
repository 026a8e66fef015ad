import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EffectivenessRun, VideoAgreement, VideoExportResult, VideoInstance } from '../../../shared/contract';
import { parseCsvObjects } from '../../../shared/feedback/csv';
import { csvColumns } from '../../../shared/feedback/exports';
import { parseVtt } from '../../../shared/feedback/subtitles';
import { readCard } from '../../../electron/core/models/modelCheck';
import { probe } from '../../../electron/core/video/probe';
import { syntheticInstances } from '../../unit/feedback/syntheticInstances';
import { BIN } from '../../support/serveProcess';
import { call, tempDir } from '../../support/tempCore';
import { parseXml } from '../../unit/feedback/xmlTree';
import { auditRows, failure, videoSetup, type VideoSetup } from './setup';

const run = promisify(execFile);
let s: VideoSetup;

/** Ada and Ben mark the same video: they agree on the first remark, disagree on a label of the second, Ben adds one. */
beforeAll(async () => {
  s = await videoSetup('mp4');
  const mk = (who: number, x: object) => call<VideoInstance>(s.core, 'video.instances.create', { videoId: s.videoId, ...x }, who);
  await mk(s.userId, { startMs: 1500, endMs: 5060, categories: ['anatomic', 'technical'], traineeResponses: ['behavioral_adjustment'], trainerReaction: 'approval', transcript: 'Watch the ureter here, Rivera, retract a bit more to the left.' });
  await mk(s.userId, { startMs: 7450, endMs: 10190, categories: ['praise'], transcript: 'Good. Now slow down with the needle driver.' });
  await mk(s.otherId, { startMs: 1600, endMs: 5000, categories: ['anatomic', 'technical'], traineeResponses: ['behavioral_adjustment'], trainerReaction: 'approval' });
  await mk(s.otherId, { startMs: 7400, endMs: 10000, categories: ['technical'] });
  await mk(s.otherId, { startMs: 11000, endMs: 11800, categories: ['criticism'] });
});
afterAll(() => s.core.close());

describe('agreement of two annotators', () => {
  it('pairs instances by time and reports kappa and PABAK per label and the temporal overlap', async () => {
    const r = await call<VideoAgreement>(s.core, 'video.agreement', { videoId: s.videoId, annotatorA: s.userId, annotatorB: s.otherId });
    expect(r.temporal).toMatchObject({ countA: 2, countB: 3, matched: 2 });
    expect(r.temporal.f1).toBeCloseTo(0.8, 5);
    expect(r.units).toBe(3);
    const label = (k: string) => r.labels.find((l) => l.key === k)!;
    expect(label('anatomic')).toMatchObject({ both: 1, onlyA: 0, onlyB: 0, neither: 2, kappa: 1, pabak: 1 });
    // Praise: Ada yes, Ben no on the second remark → disagreement on 1 of 3 units.
    expect(label('praise')).toMatchObject({ both: 0, onlyA: 1, onlyB: 0, neither: 2 });
    expect(label('praise').pabak).toBeCloseTo(1 / 3, 5);
    // Nobody used "visual aid": kappa is undefined (null), PABAK is 1.
    expect(label('visual_aid')).toMatchObject({ kappa: null, pabak: 1 });
    expect(r.annotatorA.name).toBe('Dr. Ada Rivera');
    expect((await failure(s.core, 'video.agreement', { videoId: s.videoId, annotatorA: s.userId, annotatorB: s.userId })).message).toMatch(/two different/);
  });

  it('prints the same report from `sightline agreement --video <id> --json`, and one clear line for a bad video', async () => {
    const dataDir = tempDir();
    const d = await videoSetup('mp4', dataDir);
    await call(d.core, 'video.instances.create', { videoId: d.videoId, startMs: 1500, endMs: 5060, categories: ['anatomic'] }, d.userId);
    await call(d.core, 'video.instances.create', { videoId: d.videoId, startMs: 1550, endMs: 5000, categories: ['anatomic', 'praise'] }, d.otherId);
    const expected = await call<VideoAgreement>(d.core, 'video.agreement', { videoId: d.videoId, annotatorA: d.userId, annotatorB: d.otherId });
    d.core.close();
    const { stdout } = await run(process.execPath, [BIN, 'agreement', '--video', String(d.videoId), '--data-dir', dataDir, '--json']);
    expect(JSON.parse(stdout)).toEqual(expected);
    const text = await run(process.execPath, [BIN, 'agreement', '--video', String(d.videoId), '--a', 'Ben Okafor', '--b', String(d.userId), '--data-dir', dataDir]);
    expect(text.stdout).toMatch(/Ben Okafor \(1 instances\) and Dr\. Ada Rivera/);
    expect(text.stdout).toMatch(/Anatomic\s+—\s+1\.00/);
    const bad = await run(process.execPath, [BIN, 'agreement', '--video', '77', '--data-dir', dataDir, '--json']).catch((e: { code: number; stdout: string }) => e);
    expect((bad as { code: number }).code).toBe(1);
    expect(JSON.parse((bad as { stdout: string }).stdout)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Video 77 does not exist (it may have been removed).' } });
  }, 60_000);
});

describe('export', () => {
  it('writes CSV, JSON Lines, WebVTT, EAF and clips that parse, with names replaced and people pseudonymised', async () => {
    const outDir = join(tempDir(), 'out');
    const r = await call<VideoExportResult>(s.core, 'video.export', { videoId: s.videoId, formats: ['csv', 'jsonl', 'vtt', 'eaf', 'clips'], outDir, clipsPaddingS: 1, annotatorId: s.userId }, s.userId);
    expect(r).toMatchObject({ dir: outDir, videos: 1, instances: 2, redacted: true });
    expect(r.flaggedNames).toBeGreaterThanOrEqual(1);
    expect(r.files.map((f) => f.name).sort()).toEqual(
      ['feedback.csv', 'feedback.jsonl', `video-${s.videoId}.eaf`, `video-${s.videoId}.vtt`, expect.stringMatching(/^clips\/.*\.mp4$/), expect.stringMatching(/^clips\/.*\.mp4$/)].sort(),
    );
    const rows = parseCsvObjects(readFileSync(join(outDir, 'feedback.csv'), 'utf8'));
    expect(Object.keys(rows[0])).toEqual(csvColumns());
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ start: '1500', end: '5060', fbk_time: '00:00:01.500', speaker: 'trainer', f_anatomic: '1', f_technical: '1', r_t_beh: '1', trainer_reaction: 'approval' });
    expect(rows[0].transcript).toBe('Watch the ureter here, [NAME], retract a bit more to the left.');
    expect(rows[0].case).toMatch(/^case-[0-9a-f]{12}$/);
    expect(rows[0].annotator).toMatch(/^reviewer-[0-9a-f]{12}$/);
    const lines = readFileSync(join(outDir, 'feedback.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { effective: boolean | null; startMs: number });
    // The second remark's trainee response was never labelled: neither effective nor not.
    expect(lines.map((l) => [l.startMs, l.effective])).toEqual([[1500, true], [7450, null]]);
    const cues = parseVtt(readFileSync(join(outDir, `video-${s.videoId}.vtt`), 'utf8'));
    expect(cues.map((c) => [c.startMs, c.endMs, c.speaker])).toEqual([[1500, 5060, 'Trainer'], [7450, 10190, 'Trainer']]);
    const eaf = parseXml(readFileSync(join(outDir, `video-${s.videoId}.eaf`), 'utf8'));
    expect(eaf.name).toBe('ANNOTATION_DOCUMENT');
    const tiers = eaf.children.filter((c) => c.name === 'TIER').map((t) => t.attrs.TIER_ID);
    expect(tiers).toEqual(expect.arrayContaining(['Trainer', 'Categories', 'Trainee response', 'Trainer reaction']));
    const clip = await probe(join(outDir, r.files.find((f) => f.format === 'clips')!.name));
    // 1.5–5.06 s with 1 s either side.
    expect(clip.durationMs).toBeGreaterThan(5200);
    expect(clip.durationMs).toBeLessThan(5900);
    expect(auditRows(s.dataDir, 'video').map((a) => a.action)).toContain('export');
  }, 60_000);

  it('lists the names it would remove before the export, and keeps them when asked', async () => {
    const flags = await call<{ instanceId: number; flags: { text: string; reason: string }[] }[]>(s.core, 'video.nameFlags', { videoId: s.videoId });
    expect(flags).toHaveLength(1);
    expect(flags[0].flags.map((f) => f.text)).toEqual(['Rivera']);
    const outDir = join(tempDir(), 'named');
    await call(s.core, 'video.export', { caseId: s.caseId, formats: ['csv'], outDir, redactNames: false, deidentify: false }, s.userId);
    const rows = parseCsvObjects(readFileSync(join(outDir, 'feedback.csv'), 'utf8'));
    expect(rows).toHaveLength(5);
    expect(rows.map((x) => x.annotator)).toContain('Ben Okafor');
    expect(rows[0]).toMatchObject({ case: 'Case 012' });
    expect(rows.some((x) => x.transcript.includes('Rivera'))).toBe(true);
  });

  it('refuses a non-empty folder and leaves nothing behind when cancelled', async () => {
    const full = join(tempDir(), 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'mine');
    expect(await failure(s.core, 'video.export', { videoId: s.videoId, formats: ['csv'], outDir: full }, s.userId)).toMatchObject({ code: 'CONFLICT' });
    expect(readdirSync(full)).toEqual(['keep.txt']);
    const outDir = join(tempDir(), 'cancelled');
    const controller = new AbortController();
    const pending = s.core.invoke('video.export', { videoId: s.videoId, formats: ['csv', 'clips'], outDir }, { actorId: s.userId, jobId: 'x', signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    const env = await pending;
    expect(env.ok ? 'ok' : env.error.code).toBe('CANCELLED');
    expect(existsSync(outDir)).toBe(false);
  });

  it('`sightline video export` writes the files from the library, and says what is wrong with bad options', async () => {
    const dataDir = tempDir();
    const d = await videoSetup('mp4', dataDir);
    await call(d.core, 'video.instances.create', { videoId: d.videoId, startMs: 1500, endMs: 5060, transcript: 'Watch the ureter here.', categories: ['anatomic'] }, d.userId);
    d.core.close();
    const out = join(tempDir(), 'cli');
    const { stdout } = await run(process.execPath, [BIN, 'video', 'export', '--video', String(d.videoId), '--out', out, '--formats', 'csv,vtt,eaf', '--data-dir', dataDir, '--json']);
    const r = JSON.parse(stdout) as VideoExportResult;
    expect(r.files.map((f) => f.name)).toEqual(['feedback.csv', `video-${d.videoId}.vtt`, `video-${d.videoId}.eaf`]);
    expect(parseCsvObjects(readFileSync(join(out, 'feedback.csv'), 'utf8'))[0]).toMatchObject({ transcript: 'Watch the ureter here.', f_anatomic: '1' });
    const bad = await run(process.execPath, [BIN, 'video', 'export', '--video', String(d.videoId), '--out', join(out, 'x'), '--formats', 'csv,pdf', '--data-dir', dataDir]).catch((e: { code: number; stderr: string }) => e);
    expect((bad as { code: number }).code).toBe(1);
    expect((bad as { stderr: string }).stderr.trim()).toBe('sightline: --formats takes a comma-separated list of csv, jsonl, vtt, eaf, clips; not pdf.');
  }, 60_000);
});

describe('effectiveness training', () => {
  it('cross-validates on a labelled set of instances and reports AUROC mean ± sd with a prediction per instance', async () => {
    const d = await videoSetup('mp4');
    const data = syntheticInstances(80, 7, true);
    for (const [k, x] of data.entries()) {
      const start = (k * 137) % 11000;
      await call(d.core, 'video.instances.create', { videoId: d.videoId, startMs: start, endMs: start + 800, transcript: x.transcript, traineeResponses: x.effective ? ['behavioral_adjustment'] : ['verbal_acknowledgment'] }, d.userId);
    }
    expect(await call(d.core, 'video.effectiveness', { projectId: d.projectId })).toBeNull();
    const r = await call<EffectivenessRun>(d.core, 'video.trainEffectiveness', { projectId: d.projectId, k: 5, useMotion: false }, d.userId);
    expect(r).toMatchObject({ examples: 80, k: 5, usedMotion: false, target: 'Behavioral Adjustment', trainedBy: 'Dr. Ada Rivera' });
    expect(r.aurocMean).toBeGreaterThan(0.75);
    expect(r.aurocSd).toBeGreaterThan(0);
    expect(r.folds).toHaveLength(5);
    expect(r.predictions).toHaveLength(80);
    expect(r.predictions.some((p) => p.label === null)).toBe(r.predictions.some((p) => Math.abs(p.p - 0.5) < 0.15));
    const right = r.predictions.filter((p) => p.label !== null && p.label === p.actual).length;
    expect(right / r.predictions.filter((p) => p.label !== null).length).toBeGreaterThan(0.7);
    expect(readCard(join(r.modelDir, 'card.json')).card.description).toMatch(/5-fold cross-validated AUROC/);
    expect(await call(d.core, 'video.effectiveness', { projectId: d.projectId })).toEqual(r);
    d.core.close();
  }, 60_000);

  it('measures motion around each instance with ffmpeg (cached), and says what is missing when there is too little to learn from', async () => {
    const d = await videoSetup('mp4');
    expect((await failure(d.core, 'video.trainEffectiveness', { projectId: d.projectId }, d.userId)).message).toMatch(/at least 2 instances with "Behavioral Adjustment" and 2 without/);
    // Moving picture from 8 s: instances ending just before it are followed by motion.
    const spans = [[6000, 7000, 1], [6500, 7500, 1], [5000, 6500, 1], [1000, 2000, 0], [2000, 3000, 0], [500, 1500, 0]];
    for (const [a, b, eff] of spans) {
      await call(d.core, 'video.instances.create', { videoId: d.videoId, startMs: a, endMs: b, ...(eff ? { traineeResponses: ['behavioral_adjustment'] } : { noTraineeResponse: true }) }, d.userId);
    }
    const r = await call<EffectivenessRun>(d.core, 'video.trainEffectiveness', { projectId: d.projectId, k: 3 }, d.userId);
    expect(r).toMatchObject({ examples: 6, positives: 3, usedMotion: true, k: 3 });
    const db = new Database(join(d.dataDir, 'sightline.db'), { readonly: true });
    const motion = db.prepare('SELECT before, after FROM feedback_motion ORDER BY instance_id').all() as { before: number; after: number }[];
    db.close();
    expect(motion).toHaveLength(6);
    expect(motion[0].after).toBeGreaterThan(motion[0].before + 0.01);
    expect(motion[3].after).toBeLessThan(0.01);
    expect(auditRows(d.dataDir, 'effectiveness_run').map((a) => a.action)).toEqual(['train']);
    d.core.close();
  }, 60_000);
});
