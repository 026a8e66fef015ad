import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { crossValidate } from '../../../shared/feedback/crossValidation';
import { DEFAULT_EFFECTIVENESS_FEATURES, denseRow, effectivenessFeatures, featureDimensions } from '../../../shared/feedback/effectivenessFeatures';
import { predictProba, trainLogistic } from '../../../shared/feedback/logistic';
import { readCard } from '../../../electron/core/models/modelCheck';
import { writeEffectivenessModel } from '../../../electron/core/video/effectivenessModel';
import { syntheticInstances } from '../../unit/feedback/syntheticInstances';

const tmp = mkdtempSync(join(tmpdir(), 'sightline-effectiveness-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('effectiveness model export (real ONNX Runtime)', () => {
  it('exports the trained logistic regression as ONNX with a card; ONNX Runtime gives the same probabilities', async () => {
    const spec = { ...DEFAULT_EFFECTIVENESS_FEATURES, text: { ...DEFAULT_EFFECTIVENESS_FEATURES.text, dimensions: 512 } };
    const dims = featureDimensions(spec);
    const data = syntheticInstances(160, 21, true);
    const x = data.map((d) => effectivenessFeatures({ transcript: d.transcript, motion: { delta: d.motionDelta, logRatio: 0 } }, spec));
    const y = data.map((d) => d.effective);
    const model = trainLogistic(x, y, dims, { seed: 5 });
    const cv = crossValidate(x, y, dims, { k: 4, seed: 5 });
    const dir = join(tmp, 'feedback-effectiveness');
    const { card, details } = writeEffectivenessModel(dir, { model, features: spec, labels: y, cv, target: 'behavioral_adjustment', created: '2025-01-01' });
    const bytes = readFileSync(join(dir, 'model.onnx'));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(card.sha256);
    // The model registry's own card reader accepts it.
    expect(readCard(join(dir, 'card.json')).card).toEqual(card);
    expect(JSON.parse(readFileSync(join(dir, 'effectiveness.json'), 'utf8'))).toEqual(details);
    expect(details.training.crossValidation?.aurocMean).toBeGreaterThan(0.7);
    expect(card.description).toMatch(/4-fold cross-validated AUROC 0\.\d{3} ± 0\.\d{3} on 160 instances/);

    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(card.inputs.map((i) => i.name));
    expect(session.outputNames).toEqual(card.outputs.map((o) => o.name));
    const rows = x.slice(0, 20);
    const batch = new Float32Array(rows.length * dims);
    rows.forEach((v, i) => batch.set(denseRow(v, dims), i * dims));
    const out = await session.run({ features: new ort.Tensor('float32', batch, [rows.length, dims]) });
    const p = out.p.data as Float32Array;
    rows.forEach((v, i) => expect(Math.abs(p[i] - predictProba(model, v))).toBeLessThan(1e-5));
    await session.release();
  });
});
