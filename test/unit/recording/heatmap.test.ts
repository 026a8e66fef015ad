import { describe, expect, it } from 'vitest';
import { attentionHeatmap, GridAccumulator, slideGrid } from '../../../shared/recording';
import { SLIDE, Stream } from './streams';

const cell = (h: ReturnType<typeof attentionHeatmap>, col: number, row: number) => h.values[row * h.cols + col];

describe('attention heatmap', () => {
  it('is a grid of 256 cells on the long side over the slide', () => {
    const h = attentionHeatmap(SLIDE, []);
    expect([h.cols, h.rows, h.cellSize, h.values.length]).toEqual([256, 128, 100, 256 * 128]);
    expect(h.max).toBe(0);
    expect(h.values.every((v) => v === 0)).toBe(true);
    expect(attentionHeatmap(SLIDE, [], { gridLongSide: 64 })).toMatchObject({ cols: 64, rows: 32 });
  });

  it('spreads a view’s dwell over the cells it covers, in proportion to the part of each cell it covers', () => {
    // A 10× view is 4000 × 3200 px: here from (1050, 1050) to (5050, 4250), so its edge cells are half covered.
    const h = attentionHeatmap(SLIDE, new Stream().view(0, 3050, 2650, 10).mark('end', 1000).events);
    expect(cell(h, 20, 20)).toBe(1);
    expect(cell(h, 10, 20)).toBeCloseTo(0.5, 6); // left edge: x 1050–1100 of cell 1000–1100
    expect(cell(h, 50, 20)).toBeCloseTo(0.5, 6); // right edge: x 5000–5050
    expect(cell(h, 10, 10)).toBeCloseTo(0.25, 6); // corner
    expect(cell(h, 42, 42)).toBeCloseTo(0.5, 6); // bottom edge: y 4200–4250
    expect(cell(h, 9, 20)).toBe(0);
    expect(cell(h, 51, 20)).toBe(0);
    expect(cell(h, 20, 43)).toBe(0);
    expect(h.max).toBeCloseTo(1000, 6); // 1 s × weight 1 at 10×
  });

  it('weighs dwell by magnification / 10: a second at 40× counts four seconds at 10×', () => {
    // 10× for 1 s over a wide area, then 40× for 1 s in its middle (a 1000 × 800 px view).
    const h = attentionHeatmap(SLIDE, new Stream().view(0, 3000, 3000, 10).view(1000, 3000, 3000, 40).mark('end', 2000).events);
    expect(h.max).toBeCloseTo(1000 + 4000, 6);
    expect(cell(h, 30, 30)).toBeCloseTo(1, 6);
    expect(cell(h, 15, 15)).toBeCloseTo(1000 / 5000, 6);
    const slow = attentionHeatmap(SLIDE, new Stream().view(0, 3000, 3000, 10).view(4000, 3000, 3000, 40).mark('end', 5000).events);
    expect(cell(slow, 15, 15)).toBeCloseTo(4000 / 8000, 6);
  });

  it('counts only active dwell: nothing while blurred or idle', () => {
    const events = new Stream().view(0, 3000, 3000, 10).mark('blur', 10).view(20, 20_000, 6000, 10).mark('focus', 50_000).view(50_000, 3000, 3000, 10).mark('end', 51_000).events;
    const h = attentionHeatmap(SLIDE, events);
    expect(cell(h, 200, 60)).toBe(0);
    expect(cell(h, 30, 30)).toBe(1);
  });

  it('clips views at the slide’s edges and covers the bounding box of a rotated view', () => {
    const edge = attentionHeatmap(SLIDE, new Stream().view(0, 0, 0, 10).mark('end', 1000).events);
    expect(cell(edge, 0, 0)).toBe(1);
    expect(cell(edge, 19, 15)).toBe(1);
    expect(cell(edge, 20, 0)).toBe(0);
    // 4000 × 3200 turned by 90°: 3200 wide, 4000 high around (10 000, 6000).
    const turned = attentionHeatmap(SLIDE, new Stream().view(0, 10_000, 6000, 10, 90).mark('end', 1000).events);
    expect(cell(turned, 84, 40)).toBe(1);
    expect(cell(turned, 83, 60)).toBe(0);
    expect(cell(turned, 115, 79)).toBe(1);
    expect(cell(turned, 116, 60)).toBe(0);
  });
});

describe('grid accumulator', () => {
  it('adds rectangles of cells exactly, whatever their size', () => {
    const g = slideGrid(1000, 500, 10);
    const acc = new GridAccumulator(g);
    acc.addCells(0, 4, 0, 9, 1);
    acc.addCells(1, 2, 3, 5, 2.5);
    acc.addCoverage(50, 50, 150, 100, 4); // half of cell (0,0), half of (1,0) in x; half in y
    const v = acc.values();
    expect(v[0]).toBeCloseTo(1 + 4 * 0.25, 12);
    expect(v[1]).toBeCloseTo(1 + 4 * 0.25, 12);
    expect(v[1 * 10 + 3]).toBeCloseTo(3.5, 12);
    expect(v[2 * 10 + 5]).toBeCloseTo(3.5, 12);
    expect(v[3 * 10 + 5]).toBeCloseTo(1, 12);
    expect(v[4 * 10 + 9]).toBeCloseTo(1, 12);
  });
});
