import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../../shared/contract/models';
import { createCore, type Core } from '../../../electron/core/createCore';
import { checkModel } from '../../../electron/core/models/modelCheck';
import { closeSharedRuntime, sharedRuntime } from '../../../electron/core/models/runtime';
import { evalProposer } from '../../fixtures/lesions/evalProposer';
import { lesionSlide } from '../../fixtures/lesions/lesionSlide';
import { scriptedSessionProject } from '../../fixtures/lesions/sessionTraining';
import { asTrainingImages, lesionSplit } from '../../fixtures/lesions/split';
import { writeTrainingDir } from '../../fixtures/lesions/trainingDir';
import { SHIPPED_CARD } from './modelFiles';

let dataDir: string;
let core: Core;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sightline-bar-'));
  core = createCore({ dataDir, door: 'cli', version: 'test' });
});
afterAll(async () => {
  core.close();
  await closeSharedRuntime();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('region proposer on held-out planted lesions', () => {
  it('the shipped model finds ≥ 90 % of lesions in 5 proposals; retraining from recorded expert sessions does not make it worse', async () => {
    const runtime = sharedRuntime();
    const test = await lesionSplit('test', 12);
    const shipped = await evalProposer(test, await checkModel(SHIPPED_CARD, runtime), runtime);
    expect(shipped.summary.truths).toBeGreaterThan(12);
    expect(shipped.summary.recall).toBeGreaterThanOrEqual(0.9);
    expect(shipped.summary.precision).toBeGreaterThan(0.5);
    // Every proposal says how many passes it took; wrong ones should not be cheaper than right ones on average.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    expect(shipped.passesRight.every((p) => p >= 2)).toBe(true);
    if (shipped.passesWrong.length) expect(mean(shipped.passesWrong)).toBeGreaterThanOrEqual(mean(shipped.passesRight));

    // Recorded sessions of an expert dwelling at 10× on each lesion (peeking at 40× into some) on 16 training-split
    // slides, learnt from the way `sightline train roi --project` does.
    const slides = await Promise.all(Array.from({ length: 16 }, (_, i) => lesionSlide('train', i)));
    const { userId, projectId } = await scriptedSessionProject(core, slides, 5);
    const trained = await core.invoke('models.trainRoi', { projectId, seed: 5 }, { actorId: userId });
    expect(trained.ok).toBe(true);
    const value = (trained as { value: { model: ModelEntry; heldOut: { recall: number } | null; heldOutBefore: unknown } }).value;
    expect(value.model).toMatchObject({ name: 'roi-proposer', version: '1.1.0', source: 'user', status: 'ok' });
    expect(value.model.training?.data).toMatch(/16 sessions on 16 slides/);
    expect(Object.keys(value.model.training?.sources?.positives ?? {}).sort()).toEqual(['inspect', 'peek']);
    expect(value.model.training?.sources?.negatives.lowPowerViews.cells).toBeGreaterThan(0);
    expect(value.heldOutBefore).not.toBeNull();
    const retrained = await evalProposer(test, await checkModel(value.model.cardPath, runtime), runtime);
    expect(retrained.summary.recall).toBeGreaterThanOrEqual(shipped.summary.recall);

    // A second round starts from 1.1.0, writes 1.2.0, and keeps both.
    const dir = await writeTrainingDir(join(dataDir, 'boxes'), asTrainingImages(await lesionSplit('train', 4)));
    const again = await core.invoke('models.trainRoi', { from: dir, seed: 6 }, { actorId: null });
    expect(again.ok && (again.value as { model: ModelEntry }).model.version).toBe('1.2.0');
    const list = await core.invoke('models.list', {}, { actorId: null });
    const versions = (list as { value: ModelEntry[] }).value.filter((m) => m.name === 'roi-proposer').map((m) => `${m.source}@${m.version}`);
    expect(versions).toEqual(['user@1.2.0', 'user@1.1.0', 'shipped@1.0.0']);
  }, 120_000);

  it('refuses a missing training folder, and a malformed box file by name, keeping the versions already there', async () => {
    const r = await core.invoke('models.trainRoi', { from: join(dataDir, 'nowhere') }, { actorId: null });
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } });
    const bad = join(dataDir, 'bad-sessions');
    mkdirSync(bad);
    writeFileSync(join(bad, 'broken.json'), '{"positives": [[1, 2, 0, 0]]}');
    const before = (await core.invoke('models.list', {}, { actorId: null })) as { value: ModelEntry[] };
    const malformed = await core.invoke('models.trainRoi', { from: bad }, { actorId: null });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((malformed as { error: { message: string } }).error.message).toMatch(/broken\.json: positives\.0: A box is \[x0, y0, x1, y1\]/);
    const after = (await core.invoke('models.list', {}, { actorId: null })) as { value: ModelEntry[] };
    expect(after.value.map((m) => m.id)).toEqual(before.value.map((m) => m.id));
  });
});
