import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSlideFile } from '../../../electron/core/slides/readers/openSlideFile';
import { FIXTURES, slideFixture, SLIDE_FIXTURE_NAMES, type SlideFixtureName } from '../../fixtures/slides/generate';
import { tissueRaster } from '../../fixtures/slides/tissue';
import { meanAbsDiff } from './compare';

const cacheDir = mkdtempSync(join(tmpdir(), 'sightline-pyr-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** JPEG at quality 80–92 of this dense texture (measured ≈ 1.5–6 on reduced levels); exact decoding is checked against libvips below. */
const LOSSY_MAD = 8;
const LOSSLESS_MAD = 2;

const EXPECT: Record<SlideFixtureName, { format: string; levels: number }> = {
  'aperio-jpeg.svs': { format: 'aperio-svs', levels: 3 },
  'aperio-j2k-ycbcr.svs': { format: 'aperio-svs', levels: 2 },
  'aperio-j2k-rgb.svs': { format: 'aperio-svs', levels: 2 },
  'pyramid-jpeg.tif': { format: 'generic-tiff', levels: 4 },
  'pyramid-deflate.tif': { format: 'generic-tiff', levels: 4 },
  'pyramid-lzw.tif': { format: 'generic-tiff', levels: 4 },
  'pyramid-none.tif': { format: 'generic-tiff', levels: 3 },
  'ome-subifd.ome.tif': { format: 'ome-tiff', levels: 4 },
  'tissue.dzi': { format: 'deepzoom', levels: 5 },
  'plain.png': { format: 'png', levels: 5 },
  'plain.jpg': { format: 'jpeg', levels: 5 },
  'plain.webp': { format: 'webp', levels: 5 },
  'plain-stripped.tif': { format: 'tiff', levels: 5 },
  'small-stripped.tif': { format: 'generic-tiff', levels: 1 },
  'philips-like.tiff': { format: 'philips-tiff', levels: 4 },
};

describe.each(SLIDE_FIXTURE_NAMES)('%s', (name) => {
  const info = FIXTURES[name];
  it('reports its format, size, levels, optics and associated images', async () => {
    const r = await openSlideFile(await slideFixture(name), { cacheDir });
    try {
      expect(r.format).toBe(EXPECT[name].format);
      expect([r.width, r.height]).toEqual([info.width, info.height]);
      expect(r.levels).toHaveLength(EXPECT[name].levels);
      expect(r.levels[0].downsample).toBe(1);
      info.downsamples.forEach((ds, i) => {
        expect(r.levels[i].downsample).toBeCloseTo(ds, 1);
        expect(r.levels[i].width).toBe(Math.floor(info.width / ds));
      });
      if (info.mpp === null) expect(r.mpp).toBeNull();
      else expect(r.mpp?.x).toBeCloseTo(info.mpp, 6);
      expect(r.objectivePower).toBe(info.objectivePower);
      expect(r.associatedImages.map((a) => a.name).sort()).toEqual([...info.associated].sort());
      for (const a of r.associatedImages) {
        const img = await r.readAssociated(a.name);
        expect([img.width, img.height]).toEqual([a.width, a.height]);
      }
    } finally {
      await r.close();
    }
  });

  const storedLevels = ['tissue.dzi', 'plain.png', 'plain.jpg', 'plain.webp', 'plain-stripped.tif'].includes(name) ? [1] : info.downsamples;
  it.each(storedLevels.map((ds, level) => ({ ds, level })))('level $level: regions across tiles and the slide edge match the reference decode', async ({ ds, level }) => {
    const r = await openSlideFile(await slideFixture(name), { cacheDir });
    const raster = await tissueRaster(info.width, info.height, info.seed);
    try {
      const lw = Math.floor(info.width / ds);
      const lh = Math.floor(info.height / ds);
      const t = r.levels[level].tileWidth;
      const regions = [
        { lx: Math.min(t - 37, lw - 80), ly: Math.min(t - 29, lh - 70), w: 150, h: 120 },
        { lx: lw - 90, ly: lh - 60, w: 200, h: 150 },
        { lx: -40, ly: -30, w: 100, h: 80 },
      ];
      for (const g of regions) {
        const img = await r.readRegion(g.lx * ds, g.ly * ds, level, g.w, g.h);
        expect([img.width, img.height]).toEqual([g.w, g.h]);
        const inside = (x: number, y: number) => g.lx + x >= 0 && g.ly + y >= 0 && g.lx + x < lw && g.ly + y < lh;
        const ref = raster.render(ds, g.lx, g.ly, g.w, g.h);
        const { mad, n } = meanAbsDiff(img, ref, inside);
        expect(n).toBeGreaterThan(0);
        expect(mad, `MAD ${mad.toFixed(2)} at ${JSON.stringify(g)}`).toBeLessThanOrEqual(info.lossless ? LOSSLESS_MAD : LOSSY_MAD);
        for (let y = 0; y < g.h; y++) {
          for (let x = 0; x < g.w; x++) {
            if (inside(x, y)) continue;
            expect(img.data[(y * g.w + x) * 4 + 3], `outside pixel ${x},${y} must be transparent`).toBe(0);
          }
        }
      }
    } finally {
      await r.close();
    }
  });
});

describe('Aperio JPEG tiles', () => {
  it('decode exactly as libtiff/libvips decode the same pages (JPEGTables shared)', async () => {
    const path = await slideFixture('aperio-jpeg.svs');
    const r = await openSlideFile(path, { cacheDir });
    try {
      // IFD order in the file: level 0, thumbnail, level 1, level 2, label, macro.
      for (const [level, page] of [
        [0, 0],
        [1, 2],
      ] as const) {
        const lv = r.levels[level];
        const w = Math.min(lv.width, 700);
        const h = Math.min(lv.height, 500);
        const ours = await r.readRegion(0, 0, level, w, h);
        const theirs = await sharp(path, { page }).extract({ left: 0, top: 0, width: w, height: h }).removeAlpha().raw().toBuffer();
        expect(meanAbsDiff(ours, theirs).mad).toBeLessThanOrEqual(1);
      }
      const label = await r.readAssociated('label');
      const vipsLabel = await sharp(path, { page: 4 }).removeAlpha().raw().toBuffer();
      expect(meanAbsDiff(label, vipsLabel).mad).toBe(0);
    } finally {
      await r.close();
    }
  });
});
