import { afterAll, describe, expect, it } from 'vitest';
import { iou, type Box } from '../../../shared/models/boxes';
import { checkModel } from '../../../electron/core/models/modelCheck';
import { ModelRuntime } from '../../../electron/core/models/runtime';
import { proposeOnSlide, type LowMagSource } from '../../../electron/core/models/slideAdapter';
import { lesionSplit } from '../../fixtures/lesions/split';
import { SHIPPED_CARD } from './modelFiles';

const runtime = new ModelRuntime({ workers: 2 });
afterAll(() => runtime.close());

describe('propose(slide) through the low-magnification adapter', () => {
  it('reads the level nearest the model’s 1.25×, shrinks it, and returns boxes in level-0 pixels', async () => {
    const [g] = await lesionSplit('test', 1);
    // A 40× slide whose 1:16 level is the generated image at twice its size (so the adapter must halve it).
    const w = g.image.width * 2;
    const h = g.image.height * 2;
    const reads: number[] = [];
    const source: LowMagSource = {
      width: w * 16,
      height: h * 16,
      levels: [1, 4, 16, 64].map((d) => ({ downsample: d, width: Math.round((w * 16) / d), height: Math.round((h * 16) / d) })),
      mpp: { x: 0.25, y: 0.25 },
      objectivePower: 40,
      async readRegion(x, y, level, rw, rh) {
        reads.push(level);
        expect([x, y, rw, rh]).toEqual([0, 0, w, h]);
        const data = new Uint8Array(rw * rh * 4);
        for (let yy = 0; yy < rh; yy++) {
          for (let xx = 0; xx < rw; xx++) {
            const s = ((yy >> 1) * g.image.width + (xx >> 1)) * 3;
            data.set([g.image.data[s], g.image.data[s + 1], g.image.data[s + 2], 255], (yy * rw + xx) * 4);
          }
        }
        return { width: rw, height: rh, data };
      },
    };
    const r = await proposeOnSlide(source, await checkModel(SHIPPED_CARD, runtime), runtime);
    expect(reads).toEqual([2]);
    expect(r.heatmap.cols).toBe(g.image.width / 8);
    for (const lesion of g.lesions) {
      const level0 = lesion.map((v) => v * 32) as Box;
      expect(Math.max(...r.proposals.map((p) => iou(p.box, level0)))).toBeGreaterThanOrEqual(0.3);
    }
  }, 60_000);
});
