import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallOutput, EffectivenessRun, VideoInstance } from '../../../shared/contract';
import { DEFAULT_EFFECTIVENESS_FEATURES, denseRow, effectivenessFeatures, featureDimensions } from '../../../shared/feedback/effectivenessFeatures';
import { closeSharedRuntime } from '../../../electron/core/models/runtime';
import { syntheticInstances } from '../../unit/feedback/syntheticInstances';
import { call } from '../../support/tempCore';
import { failure, videoSetup } from './setup';

type Predicted = NonNullable<CallOutput<'video.predictEffectiveness'>>;

afterAll(() => closeSharedRuntime());

/** What ONNX Runtime itself gives for these transcripts with the model file a run wrote (no motion). */
async function onnxP(modelDir: string, transcripts: string[]): Promise<number[]> {
  const dims = featureDimensions(DEFAULT_EFFECTIVENESS_FEATURES);
  const batch = new Float32Array(transcripts.length * dims);
  transcripts.forEach((t, i) => batch.set(denseRow(effectivenessFeatures({ transcript: t, motion: null }), dims), i * dims));
  const session = await ort.InferenceSession.create(join(modelDir, 'model.onnx'));
  const out = await session.run({ features: new ort.Tensor('float32', batch, [transcripts.length, dims]) });
  await session.release();
  return [...(out.p.data as Float32Array)];
}

describe('effectiveness predictions for instances outside the training set', () => {
  it('leaves unlabelled instances out of training and predicts them, and new or changed ones, with the trained ONNX model', async () => {
    const d = await videoSetup('mp4');
    const mk = (x: object) => call<VideoInstance>(d.core, 'video.instances.create', { videoId: d.videoId, ...x }, d.userId);
    const data = syntheticInstances(48, 11, true);
    const labelled: VideoInstance[] = [];
    for (const [k, x] of data.entries()) {
      const start = (k * 211) % 11000;
      // Half of the negatives say "no response" explicitly, half give another response.
      const responses = x.effective ? { traineeResponses: ['behavioral_adjustment'] } : k % 2 ? { noTraineeResponse: true } : { traineeResponses: ['verbal_acknowledgment'] };
      labelled.push(await mk({ startMs: start, endMs: start + 700, transcript: x.transcript, ...responses }));
    }
    const unlabelledText = ['now retract more to the left', 'slow down with the needle here', 'good job', 'nice work so'];
    const unlabelled: VideoInstance[] = [];
    for (const [k, t] of unlabelledText.entries()) unlabelled.push(await mk({ startMs: 500 + k * 1000, endMs: 1200 + k * 1000, transcript: t }));
    expect(unlabelled.every((i) => i.traineeResponses.length === 0 && !i.noTraineeResponse)).toBe(true);

    const run = await call<EffectivenessRun>(d.core, 'video.trainEffectiveness', { projectId: d.projectId, k: 4, useMotion: false }, d.userId);
    // Unlabelled instances are neither positives nor negatives.
    expect(run).toMatchObject({ examples: 48, unlabelled: 4, positives: data.filter((x) => x.effective).length });
    expect(run.predictions.map((p) => p.instanceId).sort((a, b) => a - b)).toEqual(labelled.map((i) => i.id));
    expect(run.predictions.every((p) => p.source === 'out-of-fold' && p.actual !== null)).toBe(true);

    const first = await call<Predicted>(d.core, 'video.predictEffectiveness', { videoId: d.videoId }, d.userId);
    expect(first).toMatchObject({ runId: run.id, model: { name: 'feedback-effectiveness' }, abstainMargin: 0.15 });
    const byId = new Map(first.predictions.map((p) => [p.instanceId, p]));
    expect(byId.size).toBe(52);
    for (const p of run.predictions) expect(byId.get(p.instanceId)).toEqual(p);
    const fresh = unlabelled.map((i) => byId.get(i.id)!);
    expect(fresh.every((p) => p.source === 'model' && p.actual === null)).toBe(true);
    const expected = await onnxP(run.modelDir, unlabelledText);
    fresh.forEach((p, k) => {
      expect(Math.abs(p.p - expected[k])).toBeLessThan(1e-4);
      expect(p.confidence).toBeCloseTo(Math.abs(p.p - 0.5) * 2, 3);
      expect(p.label).toBe(Math.abs(p.p - 0.5) < 0.15 ? null : p.p >= 0.5 ? 1 : 0);
    });
    // The wording the labels depend on carries over: directives look more effective than praise.
    expect(Math.min(fresh[0].p, fresh[1].p)).toBeGreaterThan(Math.max(fresh[2].p, fresh[3].p));

    // A new instance and a training instance changed since are predicted by the model; the rest keep theirs.
    const added = await mk({ startMs: 9000, endMs: 9800, transcript: 'lift the bladder up', traineeResponses: ['behavioral_adjustment'] });
    const changed = labelled[0];
    await call(d.core, 'video.instances.update', { id: changed.id, transcript: 'okay keep going' }, d.userId);
    const second = await call<Predicted>(d.core, 'video.predictEffectiveness', { videoId: d.videoId }, d.userId);
    const again = new Map(second.predictions.map((p) => [p.instanceId, p]));
    expect(again.get(added.id)).toMatchObject({ source: 'model', actual: 1 });
    expect(again.get(changed.id)).toMatchObject({ source: 'model', actual: run.predictions.find((p) => p.instanceId === changed.id)!.actual });
    expect(again.get(changed.id)!.p).toBeCloseTo((await onnxP(run.modelDir, ['okay keep going']))[0], 3);
    expect(again.get(labelled[1].id)).toEqual(byId.get(labelled[1].id));

    // The model file is checked against its card before it runs.
    const model = join(run.modelDir, 'model.onnx');
    const bytes = readFileSync(model);
    writeFileSync(model, Buffer.concat([bytes, Buffer.from([0])]));
    expect(await failure(d.core, 'video.predictEffectiveness', { videoId: d.videoId }, d.userId)).toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringMatching(/not the file the card describes/) });
    d.core.close();
  }, 60_000);

  it('says nothing before the first training, and counts "no response" as not effective', async () => {
    const d = await videoSetup('mp4');
    expect(await call(d.core, 'video.predictEffectiveness', { videoId: d.videoId }, d.userId)).toBeNull();
    const i = await call<VideoInstance>(d.core, 'video.instances.create', { videoId: d.videoId, startMs: 0, endMs: 900, traineeResponses: ['verbal_acknowledgment'] }, d.userId);
    const none = await call<VideoInstance>(d.core, 'video.instances.update', { id: i.id, noTraineeResponse: true }, d.userId);
    expect(none).toMatchObject({ traineeResponses: [], noTraineeResponse: true });
    expect(await call<VideoInstance>(d.core, 'video.instances.update', { id: i.id, traineeResponses: ['behavioral_adjustment'] }, d.userId)).toMatchObject({
      traineeResponses: ['behavioral_adjustment'],
      noTraineeResponse: false,
    });
    expect((await failure(d.core, 'video.instances.update', { id: i.id, traineeResponses: ['behavioral_adjustment'], noTraineeResponse: true }, d.userId)).message).toMatch(/both/);
    for (const [a, r] of [[1000, true], [2000, false], [3000, false]] as const) {
      await call(d.core, 'video.instances.create', { videoId: d.videoId, startMs: a, endMs: a + 500, ...(r ? { traineeResponses: ['behavioral_adjustment'] } : { noTraineeResponse: true }) }, d.userId);
    }
    await call(d.core, 'video.instances.create', { videoId: d.videoId, startMs: 4000, endMs: 4500 }, d.userId);
    const run = await call<EffectivenessRun>(d.core, 'video.trainEffectiveness', { projectId: d.projectId, k: 2, useMotion: false }, d.userId);
    expect(run).toMatchObject({ examples: 4, positives: 2, unlabelled: 1 });
    d.core.close();
  }, 60_000);
});
