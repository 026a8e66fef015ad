import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRoiProposer } from '../../../models/roi-proposer/build';
import { readFloatInitializers } from '../../../models/onnx-writer/reader';
import { applyHead, computeCellFeatures } from '../../../shared/models/roiFeatures';
import { generateLesionImage } from '../../fixtures/lesions/generateLesionImage';
import { loadIhcTexture } from '../../fixtures/lesions/texture';
import { SHIPPED_CARD, SHIPPED_MODEL } from './modelFiles';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const out = mkdtempSync(join(tmpdir(), 'sightline-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('roi-proposer build', () => {
  it('npm run build:models reproduces the committed model.onnx and card.json byte for byte', async () => {
    const r = await buildRoiProposer(out);
    expect(sha(r.modelPath)).toBe(sha(SHIPPED_MODEL));
    expect(sha(r.cardPath)).toBe(sha(SHIPPED_CARD));
    expect(readFileSync(SHIPPED_MODEL).length).toBeLessThan(1 << 20);
    expect(JSON.parse(readFileSync(SHIPPED_CARD, 'utf8')).sha256).toBe(sha(SHIPPED_MODEL));
  }, 120_000);

  it('ONNX Runtime computes the same heatmap as the TypeScript reference the head was trained on', async () => {
    const bytes = readFileSync(SHIPPED_MODEL);
    const inits = readFloatInitializers(bytes);
    const head = { weights: Array.from(inits.get('head_weights')?.values ?? []), bias: inits.get('head_bias')?.values[0] ?? 0 };
    const g = generateLesionImage(30_123, await loadIhcTexture(), { width: 320, height: 256 });
    const session = await ort.InferenceSession.create(bytes);
    const r = await session.run({ image: new ort.Tensor('uint8', g.image.data as Uint8Array, [1, 256, 320, 3]) });
    const onnx = r.heatmap.data as Float32Array;
    const ts = applyHead(computeCellFeatures(g.image.data as Uint8Array, 320, 256), head);
    expect(r.heatmap.dims).toEqual([1, 1, 32, 40]);
    let worst = 0;
    ts.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - onnx[i]))));
    expect(worst).toBeLessThan(1e-4);
    expect(Math.max(...onnx)).toBeGreaterThan(0.5);
  });
});
