import { describe, expect, it } from 'vitest';
import type { Box } from '../../../shared/models/boxes';
import { trainRoiHead } from '../../../shared/models/trainRoiHead';
import { generateLesionImage } from '../../fixtures/lesions/generateLesionImage';
import { asTrainingImages, lesionSplit } from '../../fixtures/lesions/split';
import { loadIhcTexture } from '../../fixtures/lesions/texture';
import { planLowMagRead } from '../../../electron/core/models/slideAdapter';

describe('planted-lesion generator', () => {
  it('is seeded: the same seed gives the same image, another seed another', async () => {
    const tex = await loadIhcTexture();
    const a = generateLesionImage(5, tex, { width: 200, height: 160 });
    const b = generateLesionImage(5, tex, { width: 200, height: 160 });
    const c = generateLesionImage(6, tex, { width: 200, height: 160 });
    expect(Buffer.from(a.image.data).equals(Buffer.from(b.image.data))).toBe(true);
    expect(a.lesions).toEqual(b.lesions);
    expect(Buffer.from(a.image.data).equals(Buffer.from(c.image.data))).toBe(false);
  });

  it('plants lesions inside tissue, darker than the tissue around them', async () => {
    const [g] = await lesionSplit('train', 1);
    expect(g.lesions.length).toBeGreaterThan(0);
    for (const [x0, y0, x1, y1] of g.lesions) {
      const cx = Math.floor((x0 + x1) / 2);
      const cy = Math.floor((y0 + y1) / 2);
      expect(g.tissue[cy * g.image.width + cx]).toBe(1);
      const mean = (xa: number, ya: number, xb: number, yb: number) => {
        let s = 0;
        let n = 0;
        for (let y = ya; y < yb; y++) {
          for (let x = xa; x < xb; x++) {
            if (!g.tissue[y * g.image.width + x]) continue;
            s += g.image.data[(y * g.image.width + x) * 3];
            n++;
          }
        }
        return s / n;
      };
      expect(mean(cx - 5, cy - 5, cx + 5, cy + 5)).toBeLessThan(mean(0, 0, g.image.width, g.image.height));
    }
  });
});

describe('training the head from behaviour boxes', () => {
  it('is deterministic for a seed and reports held-out precision/recall', async () => {
    const sessions = asTrainingImages(await lesionSplit('train', 6, { width: 320, height: 240 }));
    const a = trainRoiHead({ images: sessions }, 9);
    const b = trainRoiHead({ images: sessions }, 9);
    expect(a.head).toEqual(b.head);
    expect(a.heldOutImages).toHaveLength(2);
    expect(a.heldOut?.recall).toBeGreaterThanOrEqual(0);
    expect(a.positiveCells).toBeGreaterThan(0);
  });

  it("learns from a look's best cells only, and a reviewer's decisions outrank behaviour; it counts the cells of each source", async () => {
    const [g] = await lesionSplit('train', 1);
    const [img] = asTrainingImages([g]);
    const lesion = img.positives[0];
    const w = lesion[2] - lesion[0];
    const h = lesion[3] - lesion[1];
    // A 10×-like view three times the lesion's size around it, and the whole slide seen at low power.
    const look: Box = [lesion[0] - w, lesion[1] - h, lesion[2] + w, lesion[3] + h];
    const whole: Box = [0, 0, g.image.width * g.downsample, g.image.height * g.downsample];
    const base = { ...img, positives: [], looked: [look], negatives: [whole], sources: { looked: ['inspect'], negatives: 'lowPowerViews', accepted: 'acceptedProposals', rejected: 'rejectedProposals' } };
    const prior = trainRoiHead({ images: [img] }, 1, { heldOutFraction: 0 }).head;

    const looked = trainRoiHead({ images: [base] }, 1, { heldOutFraction: 0, prior });
    const lookCells = looked.sources.positives.inspect.cells;
    expect(looked.sources.positives.inspect.boxes).toBe(1);
    expect(lookCells).toBeGreaterThan(0);
    // Far fewer cells than the view holds: only those scored nearly as high as its best one.
    const viewCells = Math.round(((look[2] - look[0]) * (look[3] - look[1])) / (8 * g.downsample) ** 2);
    expect(lookCells).toBeLessThan(viewCells / 3);
    expect(looked.sources.negatives).toEqual({ lowPowerViews: { boxes: 1, cells: looked.negativeCells } });

    // Rejecting the lesion's own box takes its cells away from the look; accepting part of it wins them back.
    const half: Box = [lesion[0], lesion[1], (lesion[0] + lesion[2]) / 2, lesion[3]];
    const rejected = trainRoiHead({ images: [{ ...base, rejected: [lesion] }] }, 1, { heldOutFraction: 0, prior });
    expect(rejected.sources.negatives.rejectedProposals.boxes).toBe(1);
    expect(rejected.sources.negatives.rejectedProposals.cells).toBeGreaterThan(0);
    expect(rejected.sources.positives.inspect?.cells ?? 0).toBeLessThan(lookCells);
    const both = trainRoiHead({ images: [{ ...base, rejected: [lesion], accepted: [half] }] }, 1, { heldOutFraction: 0, prior });
    expect(both.sources.positives.acceptedProposals).toMatchObject({ boxes: 1 });
    expect(both.sources.positives.acceptedProposals.cells).toBeGreaterThan(0);
    expect(both.sources.negatives.rejectedProposals.cells).toBeLessThan(rejected.sources.negatives.rejectedProposals.cells);
  });

  it('says what is wrong when boxes cover no tissue or there are none', async () => {
    const imgs = asTrainingImages(await lesionSplit('train', 2, { width: 160, height: 160 }));
    expect(() => trainRoiHead({ images: imgs.map((i) => ({ ...i, positives: [] })) }, 1)).toThrow(/None of the training images has a positive box/);
    expect(() => trainRoiHead({ images: imgs.map((i) => ({ ...i, positives: [[-900, -900, -800, -800]] })) }, 1, { heldOutFraction: 0 })).toThrow(/cover no tissue/);
  });
});

describe('slide adapter', () => {
  const levels = [1, 4, 16, 64].map((d) => ({ downsample: d, width: 100_000 / d, height: 80_000 / d }));
  it('reads the coarsest level at least as sharp as the model wants, then shrinks by an integer', () => {
    expect(planLowMagRead({ levels, mpp: { x: 0.25, y: 0.25 }, objectivePower: null }, 1.25)).toEqual({ level: 2, reduce: 2 });
    expect(planLowMagRead({ levels, mpp: null, objectivePower: 20 }, 1.25)).toEqual({ level: 2, reduce: 1 });
    expect(planLowMagRead({ levels: levels.slice(0, 1), mpp: null, objectivePower: 40 }, 1.25)).toEqual({ level: 0, reduce: 32 });
  });
});
