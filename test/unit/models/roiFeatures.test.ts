import { describe, expect, it } from 'vitest';
import { reduceRgb, toRgb } from '../../../shared/models/image';
import { applyHead, computeCellFeatures, windowMean } from '../../../shared/models/roiFeatures';
import { ROI_FEATURES, ROI_FEATURE_COUNT } from '../../../shared/models/roiSpec';

function solid(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const out = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) out.set(rgb, i * 3);
  return out;
}

const feature = (name: (typeof ROI_FEATURES)[number]) => ROI_FEATURES.indexOf(name);

describe('roi features', () => {
  it('glass is not tissue; stained tissue is', () => {
    const white = computeCellFeatures(solid(32, 32, [250, 250, 250]), 32, 32);
    expect(white.rows * white.cols).toBe(16);
    expect(Math.max(...white.tissue)).toBeLessThan(0.1);
    const pink = computeCellFeatures(solid(32, 32, [200, 120, 160]), 32, 32);
    expect(Math.min(...pink.tissue)).toBeGreaterThan(0.9);
  });

  it('blue (haematoxylin) tissue scores higher haematoxylin than brown (DAB) tissue, and less DAB', () => {
    const blue = computeCellFeatures(solid(16, 16, [90, 100, 170]), 16, 16);
    const brown = computeCellFeatures(solid(16, 16, [160, 110, 70]), 16, 16);
    const cells = 4;
    const h = feature('haematoxylin') * cells;
    const d = feature('dab') * cells;
    expect(blue.values[h]).toBeGreaterThan(brown.values[h]);
    expect(brown.values[d]).toBeGreaterThan(blue.values[d]);
  });

  it('dark dots (nuclei) light up the nuclear detectors; flat colour does not', () => {
    const flat = solid(64, 64, [200, 170, 200]);
    const dotted = flat.slice();
    for (let y = 2; y < 60; y += 6) for (let x = 2; x < 60; x += 6) for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) dotted.set([60, 60, 140], ((y + dy) * 64 + x + dx) * 3);
    const a = computeCellFeatures(flat, 64, 64);
    const b = computeCellFeatures(dotted, 64, 64);
    const k = feature('small-nuclei') * 64 + 27;
    expect(a.values[k]).toBeCloseTo(0, 6);
    expect(b.values[k]).toBeGreaterThan(0.05);
  });

  it('window means count only cells inside the image', () => {
    const m = windowMean(Float64Array.from([1, 2, 3, 4]), 1, 4, 3);
    expect(Array.from(m)).toEqual([1.5, 2, 3, 3.5]);
  });

  it('the head is gated by tissue: glass never gets heat', () => {
    const f = computeCellFeatures(solid(16, 16, [255, 255, 255]), 16, 16);
    const heat = applyHead(f, { weights: new Array(ROI_FEATURE_COUNT).fill(0), bias: 10 });
    expect(Math.max(...heat)).toBeLessThan(0.06);
  });
});

describe('images', () => {
  it('composites RGBA onto white', () => {
    const rgba = Uint8Array.from([10, 20, 30, 255, 0, 0, 0, 0, 100, 100, 100, 128]);
    expect(Array.from(toRgb({ width: 3, height: 1, channels: 4, data: rgba }))).toEqual([10, 20, 30, 255, 255, 255, 177, 177, 177]);
  });

  it('box-reduces by an integer factor', () => {
    const r = reduceRgb(Uint8Array.from([0, 0, 0, 100, 100, 100, 50, 50, 50, 250, 250, 250]), 2, 2, 2);
    expect(r).toEqual({ rgb: Uint8Array.from([100, 100, 100]), width: 1, height: 1 });
  });
});
