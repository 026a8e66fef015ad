import { describe, expect, it } from 'vitest';
import { loadOpenSlide } from '../../../electron/core/slides/openslide/openslideLib';
import { OpenSlideReader } from '../../../electron/core/slides/openslide/openSlideReader';
import { TiffSlideReader } from '../../../electron/core/slides/readers/tiffSlideReader';
import { openSlideFile } from '../../../electron/core/slides/readers/openSlideFile';
import { CoreError } from '../../../electron/core/errors';
import { slideFixture } from '../../fixtures/slides/generate';
import { meanAbsDiff } from './compare';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lib = loadOpenSlide();

describe('OpenSlide', () => {
  it('when the library is missing, opening an OpenSlide-only format says how to install it', () => {
    const missing = loadOpenSlide({ SIGHTLINE_OPENSLIDE_LIB: '/nonexistent/libopenslide.so' }, 'linux');
    expect(missing).toBeNull();
    let err: unknown;
    try {
      OpenSlideReader.open('/slides/case.ndpi', missing);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe('UNAVAILABLE');
    expect((err as CoreError).message).toMatch(/case\.ndpi needs OpenSlide.*apt-get install libopenslide0.*brew install openslide/);
  });

  it.skipIf(!lib)('reads the same pixels and metadata from an SVS as Sightline’s own reader', async () => {
    const path = await slideFixture('aperio-jpeg.svs');
    const os = OpenSlideReader.open(path, lib);
    const own = await TiffSlideReader.open(path);
    try {
      expect(os.vendor).toBe('aperio');
      expect(os.levels.map((l) => [l.width, l.height])).toEqual(own.levels.map((l) => [l.width, l.height]));
      expect(os.mpp).toEqual(own.mpp);
      expect(os.objectivePower).toBe(20);
      expect(os.associatedImages.map((a) => a.name).sort()).toEqual(['label', 'macro', 'thumbnail']);
      for (const level of [0, 1]) {
        const a = await os.readRegion(2000, 1500, level, 300, 200);
        const b = await own.readRegion(2000, 1500, level, 300, 200);
        const rgb = Buffer.alloc(300 * 200 * 3);
        for (let i = 0; i < 300 * 200; i++) b.data.copy(rgb, i * 3, i * 4, i * 4 + 3);
        expect(meanAbsDiff(a, rgb).mad).toBeLessThanOrEqual(1);
      }
    } finally {
      await os.close();
      await own.close();
    }
  });

  it.skipIf(!lib)('routes OpenSlide-only extensions through libopenslide (a .ndpi name goes to OpenSlide, which reads by content)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-os-'));
    try {
      const p = join(dir, 'slide.ndpi');
      copyFileSync(await slideFixture('pyramid-jpeg.tif'), p);
      const r = await openSlideFile(p);
      const own = await TiffSlideReader.open(p);
      try {
        expect(r.format).toBe('openslide');
        expect(r.vendor).toBe('generic-tiff');
        expect(r.levels).toHaveLength(4);
        const a = await r.readRegion(300, 200, 1, 128, 96);
        const b = await own.readRegion(300, 200, 1, 128, 96);
        const rgb = Buffer.alloc(128 * 96 * 3);
        for (let i = 0; i < 128 * 96; i++) b.data.copy(rgb, i * 3, i * 4, i * 4 + 3);
        expect(meanAbsDiff(a, rgb).mad).toBeLessThanOrEqual(1);
      } finally {
        await r.close();
        await own.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
