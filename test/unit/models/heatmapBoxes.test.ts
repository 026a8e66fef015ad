import { describe, expect, it } from 'vitest';
import { iou, type Box } from '../../../shared/models/boxes';
import { cellsToPixels, heatmapCandidates, nonMaximumSuppression } from '../../../shared/models/heatmapBoxes';
import { scoreSlide, summarise } from '../../../shared/models/proposalMetrics';

function heat(rows: number, cols: number, blobs: Array<{ c0: number; r0: number; c1: number; r1: number; v: number }>) {
  const values = new Float32Array(rows * cols);
  for (const b of blobs) for (let r = b.r0; r < b.r1; r++) for (let c = b.c0; c < b.c1; c++) values[r * cols + c] = b.v;
  return { rows, cols, values };
}

describe('heatmap → ranked boxes', () => {
  it('finds each hot region as a box, best first, and drops specks', () => {
    const h = heat(20, 30, [
      { c0: 2, r0: 3, c1: 6, r1: 7, v: 0.8 },
      { c0: 20, r0: 10, c1: 25, r1: 14, v: 0.95 },
      { c0: 12, r0: 17, c1: 13, r1: 18, v: 0.99 },
    ]);
    const c = heatmapCandidates(h, { thresholds: [0.5], minCells: 3, nmsIoU: 0.3, maxBoxes: 10 });
    expect(c.map((x) => x.cells)).toEqual([
      [20, 10, 25, 14],
      [2, 3, 6, 7],
    ]);
    expect(c[0].score).toBeCloseTo(0.95);
    expect(cellsToPixels(c[1].cells, 8)).toEqual([16, 24, 48, 56]);
  });

  it('splits two regions joined by a lukewarm bridge using the higher threshold', () => {
    const h = heat(20, 40, [
      { c0: 2, r0: 5, c1: 10, r1: 13, v: 0.95 },
      { c0: 10, r0: 8, c1: 20, r1: 10, v: 0.6 },
      { c0: 20, r0: 5, c1: 28, r1: 13, v: 0.93 },
    ]);
    const single = heatmapCandidates(h, { thresholds: [0.5], minCells: 3, nmsIoU: 0.3, maxBoxes: 10 });
    expect(single).toHaveLength(1);
    const multi = heatmapCandidates(h, { thresholds: [0.5, 0.85], minCells: 3, nmsIoU: 0.3, maxBoxes: 10 });
    expect(multi.slice(0, 2).map((x) => x.cells)).toEqual([
      [2, 5, 10, 13],
      [20, 5, 28, 13],
    ]);
  });

  it('suppresses overlapping boxes and keeps the best', () => {
    const items = [
      { box: [0, 0, 10, 10] as Box, score: 0.6 },
      { box: [1, 1, 11, 11] as Box, score: 0.9 },
      { box: [50, 50, 60, 60] as Box, score: 0.5 },
    ];
    expect(nonMaximumSuppression(items, (i) => i.box, 0.3).map((i) => i.score)).toEqual([0.9, 0.5]);
    expect(iou([0, 0, 10, 10], [5, 0, 15, 10])).toBeCloseTo(1 / 3);
  });

  it('scores recall at k and precision at an IoU bar', () => {
    const truths: Box[] = [
      [0, 0, 10, 10],
      [100, 100, 120, 120],
    ];
    const o = scoreSlide([[1, 1, 11, 11], [300, 300, 310, 310], [100, 100, 118, 118]], truths, 2, 0.3);
    expect(o).toEqual({ hits: [true, false], found: 1, truths: 2 });
    const s = summarise([o, scoreSlide([[100, 100, 120, 120]], truths, 5, 0.3)]);
    expect(s.recall).toBeCloseTo(2 / 4);
    expect(s.precision).toBeCloseTo(2 / 3);
  });
});
