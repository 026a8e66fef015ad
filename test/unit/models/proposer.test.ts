import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFloatInitializers } from '../../../models/onnx-writer/reader';
import { iou } from '../../../shared/models/boxes';
import { DEFAULT_PROPOSER_CONFIG, proposeRegions, type HeatmapRunner, type ProposerConfig } from '../../../shared/models/proposer';
import { mulberry32 } from '../../../shared/models/random';
import { applyHead, computeCellFeatures } from '../../../shared/models/roiFeatures';
import type { RoiHead } from '../../../shared/models/roiSpec';
import { generateLesionImage, type LesionImage } from '../../fixtures/lesions/generateLesionImage';
import { loadIhcTexture } from '../../fixtures/lesions/texture';

let head: RoiHead;
let slide: LesionImage;
beforeAll(async () => {
  const inits = readFloatInitializers(readFileSync(new URL('../../../models/roi-proposer/model.onnx', import.meta.url)));
  head = { weights: Array.from(inits.get('head_weights')?.values ?? []), bias: inits.get('head_bias')?.values[0] ?? 0 };
  slide = generateLesionImage(30_001, await loadIhcTexture(), { width: 480, height: 400 });
});

/** The shipped model's maths in TypeScript, standing in for ONNX Runtime in these pure tests. */
const tsRunner = (): HeatmapRunner & { calls: number } => {
  const run = (async (rgb: Uint8Array, w: number, h: number) => {
    run.calls++;
    const f = computeCellFeatures(rgb, w, h);
    return { rows: f.rows, cols: f.cols, values: applyHead(f, head) };
  }) as HeatmapRunner & { calls: number };
  run.calls = 0;
  return run;
};

const cfg = (o: Partial<ProposerConfig> = {}): ProposerConfig => ({ ...DEFAULT_PROPOSER_CONFIG, stride: 8, contextMargin: 72, ...o });

describe('proposer', () => {
  it('finds the planted lesions and reports boxes in level-0 pixels', async () => {
    const r = await proposeRegions({ image: slide.image, downsample: 32 }, tsRunner(), cfg());
    expect(slide.lesions.length).toBeGreaterThan(0);
    for (const l of slide.lesions) {
      const level0 = l.map((v) => v * 32) as typeof l;
      expect(Math.max(...r.proposals.map((p) => iou(p.box, level0)))).toBeGreaterThanOrEqual(0.3);
    }
    for (const p of r.proposals) {
      expect(p.passes).toBeGreaterThanOrEqual(2);
      expect(p.confidence).toBeGreaterThanOrEqual(0);
      expect(p.confidence).toBeLessThanOrEqual(1);
      expect(p.box[2]).toBeLessThanOrEqual(480 * 32);
    }
    const scores = r.proposals.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('gives the same heatmap crop by crop as in one piece', async () => {
    const whole = await proposeRegions({ image: slide.image, downsample: 1 }, tsRunner(), cfg({ tileSize: 4096, maxCandidates: 2 }));
    const tiled = await proposeRegions({ image: slide.image, downsample: 1 }, tsRunner(), cfg({ tileSize: 256, maxCandidates: 2 }));
    expect(tiled.runs).toBeGreaterThan(whole.runs);
    let worst = 0;
    whole.heatmap.values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - tiled.heatmap.values[i]))));
    expect(worst).toBeLessThan(1e-5);
    expect(tiled.proposals.map((p) => p.box)).toEqual(whole.proposals.map((p) => p.box));
  }, 30_000);

  it('spends the whole budget on a region the passes disagree about, and abstains', async () => {
    const rng = mulberry32(3);
    let call = 0;
    const flaky: HeatmapRunner = async (_rgb, w, h) => {
      const rows = h / 8;
      const cols = w / 8;
      const level = call++ === 0 ? 0.9 : rng() < 0.5 ? 0.85 : 0.2;
      const values = new Float32Array(rows * cols);
      for (let r = 2; r < 6 && r < rows; r++) for (let c = 2; c < 6 && c < cols; c++) values[r * cols + c] = level;
      return { rows, cols, values };
    };
    const r = await proposeRegions({ image: { width: 64, height: 64, channels: 3, data: new Uint8Array(64 * 64 * 3) }, downsample: 1 }, flaky, cfg({ contextMargin: 0 }));
    expect(r.proposals).toHaveLength(1);
    expect(r.proposals[0]).toMatchObject({ abstain: true, passes: DEFAULT_PROPOSER_CONFIG.policy.budget });
  });

  it('returns up to `maxProposals` regions, beyond the 10 candidates it examines by default', async () => {
    // 30 bright 3×3-cell squares; the stand-in model's heat is a cell's brightness, so every pass agrees.
    const side = 512;
    const data = new Uint8Array(side * side * 3);
    const squares: Array<[number, number, number, number]> = [];
    for (let k = 0; k < 30; k++) {
      const x0 = 16 + (k % 6) * 80;
      const y0 = 16 + Math.floor(k / 6) * 96;
      squares.push([x0, y0, x0 + 24, y0 + 24]);
      for (let y = y0; y < y0 + 24; y++) for (let x = x0; x < x0 + 24; x++) data[(y * side + x) * 3] = 255;
    }
    const bright: HeatmapRunner = async (rgb, w, h) => {
      const rows = h / 8;
      const cols = w / 8;
      const values = new Float32Array(rows * cols);
      for (let i = 0; i < w * h; i++) values[Math.floor(Math.floor(i / w) / 8) * cols + Math.floor((i % w) / 8)] += (0.97 * rgb[i * 3]) / 255 / 64;
      return { rows, cols, values };
    };
    const image = { width: side, height: side, channels: 3 as const, data };
    const at = async (maxProposals: number) => proposeRegions({ image, downsample: 1 }, bright, cfg({ contextMargin: 0, maxProposals }));
    expect((await at(5)).proposals).toHaveLength(5);
    expect((await at(5)).examined).toHaveLength(DEFAULT_PROPOSER_CONFIG.maxCandidates);
    expect((await at(25)).proposals).toHaveLength(25);
    const all = await at(50);
    expect(all.proposals).toHaveLength(30);
    const found = new Set(all.proposals.map((p) => squares.findIndex((q) => iou(p.box, q) >= 0.3)));
    expect(found.size).toBe(30);
    expect(found.has(-1)).toBe(false);
  });

  it('refuses a pixel buffer that does not match the stated size', async () => {
    await expect(proposeRegions({ image: { width: 10, height: 10, channels: 3, data: new Uint8Array(5) }, downsample: 1 }, tsRunner(), cfg())).rejects.toThrow(/holds 5 bytes/);
  });

  it('stops when aborted', async () => {
    const c = new AbortController();
    c.abort();
    await expect(proposeRegions({ image: slide.image, downsample: 1 }, tsRunner(), cfg(), c.signal)).rejects.toThrow(/Cancelled/);
  });
});
