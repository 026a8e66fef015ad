import { describe, expect, it } from 'vitest';
import { bestLevelForDownsample, deepZoomLevels, deepZoomTileRect, matchingLevel, tileGrid, tilesCovering } from '../../../shared/slides/pyramid';

const svsLevels = [
  { width: 4800, height: 3600, downsample: 1, tileWidth: 240, tileHeight: 240 },
  { width: 1200, height: 900, downsample: 4, tileWidth: 240, tileHeight: 240 },
  { width: 300, height: 225, downsample: 16, tileWidth: 240, tileHeight: 240 },
];

describe('pyramid math', () => {
  it('picks the most reduced level that is still sharp enough (OpenSlide rule)', () => {
    expect(bestLevelForDownsample(svsLevels, 1)).toBe(0);
    expect(bestLevelForDownsample(svsLevels, 3.99)).toBe(0);
    expect(bestLevelForDownsample(svsLevels, 4)).toBe(1);
    expect(bestLevelForDownsample(svsLevels, 15)).toBe(1);
    expect(bestLevelForDownsample(svsLevels, 1000)).toBe(2);
    expect(bestLevelForDownsample(svsLevels, 0.5)).toBe(0);
  });

  it('counts tiles and the tiles a region touches, clipped to the image', () => {
    expect(tileGrid(4800, 3600, 240, 240)).toEqual({ cols: 20, rows: 15 });
    expect(tileGrid(1001, 1, 256, 256)).toEqual({ cols: 4, rows: 1 });
    expect(tilesCovering({ x: 230, y: 0, w: 20, h: 240 }, svsLevels[0])).toEqual({ c0: 0, r0: 0, c1: 1, r1: 0 });
    expect(tilesCovering({ x: -500, y: -500, w: 100, h: 100 }, svsLevels[0])).toBeNull();
    expect(tilesCovering({ x: 4700, y: 3500, w: 500, h: 500 }, svsLevels[0])).toEqual({ c0: 19, r0: 14, c1: 19, r1: 14 });
  });

  it('builds Deep Zoom levels from 1×1 up to full size, halving and rounding up', () => {
    const dz = deepZoomLevels(4800, 3600, 240);
    expect(dz).toHaveLength(14);
    expect(dz[0]).toMatchObject({ width: 1, height: 1, cols: 1, rows: 1 });
    expect(dz[13]).toMatchObject({ width: 4800, height: 3600, cols: 20, rows: 15, downsample: 1 });
    expect(dz[12]).toMatchObject({ width: 2400, height: 1800, downsample: 2 });
    expect(deepZoomLevels(1001, 1001, 256)[9]).toMatchObject({ width: 501, height: 501 });
  });

  it('maps Deep Zoom levels to file levels with the same resolution', () => {
    const dz = deepZoomLevels(4800, 3600, 240);
    expect(matchingLevel(svsLevels, dz[13])).toBe(0);
    expect(matchingLevel(svsLevels, dz[11])).toBe(1);
    expect(matchingLevel(svsLevels, dz[9])).toBe(2);
    expect(matchingLevel(svsLevels, dz[12])).toBe(-1);
  });

  it('gives tile rectangles with Deep Zoom overlap on inner edges only', () => {
    const lv = deepZoomLevels(1000, 600, 254)[10];
    expect(deepZoomTileRect(lv, 0, 0, 254, 1)).toEqual({ x: 0, y: 0, w: 255, h: 255 });
    expect(deepZoomTileRect(lv, 1, 1, 254, 1)).toEqual({ x: 253, y: 253, w: 256, h: 256 });
    expect(deepZoomTileRect(lv, 3, 2, 254, 1)).toEqual({ x: 761, y: 507, w: 239, h: 93 });
  });
});
