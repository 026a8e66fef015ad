import { describe, expect, it } from 'vitest';
import { reduceRgb, toRgb } from '../../../shared/models/image';
import { planLowMagRead, readLowMagView } from '../../../electron/core/models/slideAdapter';
import { openSlideFile } from '../../../electron/core/slides/readers/openSlideFile';
import { slideFixture, type SlideFixtureName } from '../../fixtures/slides/generate';
import { tempDir } from '../../support/tempCore';

/** The low-magnification view as readRegion of the whole level plus a box reduction would give it. */
async function viaRegion(path: string, magnification: number) {
  const reader = await openSlideFile(path, { cacheDir: tempDir() });
  try {
    const { level, reduce } = planLowMagRead(reader, magnification);
    const l = reader.levels[level];
    const raw = await reader.readRegion(0, 0, level, l.width, l.height);
    return reduceRgb(toRgb({ width: raw.width, height: raw.height, channels: 4, data: raw.data }), raw.width, raw.height, reduce);
  } finally {
    await reader.close();
  }
}

describe('reading a slide at low magnification tile by tile', () => {
  const cases: Array<[SlideFixtureName, number]> = [
    ['pyramid-deflate.tif', 2.5], // 40×: level 1:16 does not exist, 1:8 is read and halved
    ['aperio-jpeg.svs', 1.25], // 20× with levels 1, 4, 16: 1:16 exactly
    ['aperio-j2k-rgb.svs', 2.5], // JPEG 2000 tiles
    ['aperio-j2k-ycbcr.svs', 40 / 28], // levels 1, 4: 1:4 shrunk 7 times, boxes that straddle the 240-px tiles
    ['ome-subifd.ome.tif', 2.5],
    ['tissue.dzi', 1.25],
  ];
  it.each(cases)('%s gives the same pixels as reading the whole level', async (name, magnification) => {
    const path = await slideFixture(name);
    const reader = await openSlideFile(path, { cacheDir: tempDir() });
    let view;
    try {
      view = await readLowMagView(reader, magnification);
      expect(view.downsample * view.image.width).toBeLessThanOrEqual(reader.width);
    } finally {
      await reader.close();
    }
    const want = await viaRegion(path, magnification);
    expect([view.image.width, view.image.height]).toEqual([want.width, want.height]);
    let worst = 0;
    for (let i = 0; i < want.rgb.length; i++) worst = Math.max(worst, Math.abs(view.image.data[i] - want.rgb[i]));
    expect(worst).toBeLessThanOrEqual(1);
  }, 60_000);
});
