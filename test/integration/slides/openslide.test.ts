import sharp from 'sharp';
import { describe, expect, it, type TestContext } from 'vitest';
import { createCore } from '../../../electron/core/createCore';
import { loadOpenSlide, openSlideMajor } from '../../../electron/core/slides/openslide/openslideLib';
import { OpenSlideReader } from '../../../electron/core/slides/openslide/openSlideReader';
import { TiffSlideReader } from '../../../electron/core/slides/readers/tiffSlideReader';
import { openSlideFile } from '../../../electron/core/slides/readers/openSlideFile';
import { CoreError } from '../../../electron/core/errors';
import { DeepZoomServer } from '../../../electron/core/slides/deepZoomServer';
import { LruCache } from '../../../electron/core/slides/lruCache';
import type { RawImage } from '../../../electron/core/slides/rawImage';
import { OPENSLIDE_FIXTURES, openSlideFixture, slideFixture } from '../../fixtures/slides/generate';
import { tissueRaster } from '../../fixtures/slides/tissue';
import { meanAbsDiff } from './compare';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lib = loadOpenSlide();
const NO_OPENSLIDE = 'OpenSlide is not installed (e.g. `sudo apt-get install libopenslide0`); vendor formats cannot be tested';

function needsOpenSlide(ctx: TestContext): void {
  if (lib) return;
  if (process.env.CI) throw new Error(`${NO_OPENSLIDE}, but CI must test them (.ci/run installs libopenslide0)`);
  ctx.skip(NO_OPENSLIDE);
}

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

  it('reads the same pixels and metadata from an SVS as Sightline’s own reader', async (ctx) => {
    needsOpenSlide(ctx);
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

  it('reads a Philips TIFF as OpenSlide does: levels, MPP, label and macro, and the philips.* properties but the barcode', async (ctx) => {
    needsOpenSlide(ctx);
    const path = await slideFixture('philips-like.tiff');
    const os = OpenSlideReader.open(path, lib);
    const own = await TiffSlideReader.open(path);
    try {
      expect([os.vendor, own.vendor]).toEqual(['philips', 'philips']);
      expect(own.levels).toEqual(os.levels);
      expect(own.mpp).toEqual(os.mpp);
      expect(own.associatedImages).toEqual(os.associatedImages);
      for (const a of own.associatedImages) {
        const mine = await own.readAssociated(a.name);
        const theirs = await os.readAssociated(a.name);
        const rgb = Buffer.alloc(a.width * a.height * 3);
        for (let i = 0; i < a.width * a.height; i++) mine.data.copy(rgb, i * 3, i * 4, i * 4 + 3);
        expect(meanAbsDiff(theirs, rgb).mad, a.name).toBeLessThanOrEqual(1);
      }
      const philips = (p: Readonly<Record<string, string>>) => Object.keys(p).filter((k) => k.startsWith('philips.'));
      const withheld = ['philips.DICOM_DERIVATION_DESCRIPTION', 'philips.PIM_DP_UFS_BARCODE'];
      expect(philips(own.properties).sort()).toEqual(philips(os.properties).filter((k) => k !== 'philips.PIM_DP_UFS_BARCODE').sort());
      for (const k of philips(own.properties).filter((x) => !withheld.includes(x))) expect(own.properties[k], k).toBe(os.properties[k]);
      expect(os.properties[withheld[0]].startsWith(own.properties[withheld[0]])).toBe(true);
    } finally {
      await os.close();
      await own.close();
    }
  });

  it('routes OpenSlide-only extensions through libopenslide (a .ndpi name goes to OpenSlide, which reads by content)', async (ctx) => {
    needsOpenSlide(ctx);
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

describe('Leica SCN: a vendor format only OpenSlide reads', () => {
  const info = OPENSLIDE_FIXTURES['leica.scn'];
  const { slide } = info;
  /** The tissue image's pixels at a level, in that level's coordinates of the whole scanned area. */
  const reference = async (ds: number, lx: number, ly: number, w: number, h: number) =>
    (await tissueRaster(info.width, info.height, info.seed)).render(ds, lx - slide.x / ds, ly - slide.y / ds, w, h);
  const insideTissue = (ds: number, lx: number, ly: number) => (x: number, y: number) => {
    const tx = lx + x - slide.x / ds;
    const ty = ly + y - slide.y / ds;
    return tx >= 0 && ty >= 0 && tx < Math.floor(info.width / ds) && ty < Math.floor(info.height / ds);
  };

  it('Sightline\'s own TIFF reader refuses it (read as a plain TIFF it would show the macro image as the slide)', async () => {
    let err: unknown;
    await TiffSlideReader.open(await openSlideFixture('leica.scn')).then((r) => r.close(), (e) => (err = e));
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe('UNSUPPORTED_FILE');
    expect((err as CoreError).message).toMatch(/leica\.scn cannot be opened: it is a Leica SCN slide, which Sightline opens with OpenSlide/);
  });

  it('OpenSlide detects it as Leica by content, and Sightline sends it to OpenSlide under any name', async (ctx) => {
    needsOpenSlide(ctx);
    const path = await openSlideFixture('leica.scn');
    expect(lib!.detectVendor(path)).toBe('leica');
    const dir = mkdtempSync(join(tmpdir(), 'sightline-scn-'));
    const renamed = join(dir, 'scanned.tif');
    copyFileSync(path, renamed);
    try {
      for (const p of [path, renamed]) {
        const r = await openSlideFile(p);
        try {
          expect(r.format).toBe('openslide');
          expect(r.vendor).toBe('leica');
          expect(r.properties['openslide.vendor']).toBe('leica');
          expect(r.properties['leica.barcode']).toBe(`SIGHTLINE-${info.seed}`);
          expect([r.width, r.height]).toEqual([slide.width, slide.height]);
          expect(r.levels.map((l) => [l.width, l.height, l.downsample])).toEqual(info.downsamples.map((ds) => [slide.width / ds, slide.height / ds, ds]));
          expect(r.mpp).toEqual({ x: info.mpp, y: info.mpp });
          expect(r.objectivePower).toBe(info.objectivePower);
          expect(r.associatedImages).toEqual([{ name: 'macro', width: slide.width / 4, height: slide.height / 4 }]);
          expect((await r.readAssociated('macro')).width).toBe(slide.width / 4);
        } finally {
          await r.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('regions across the tissue image\'s edge match the reference; the scanned area around it is transparent', async (ctx) => {
    needsOpenSlide(ctx);
    const r = await openSlideFile(await openSlideFixture('leica.scn'));
    try {
      for (const [level, lx, ly, w, h] of [
        [0, 60, 40, 300, 200],
        [0, 2100, 1500, 260, 220],
        [1, 10, 300, 200, 132],
        [2, 0, 0, 144, 108],
      ]) {
        const ds = info.downsamples[level];
        const img = await r.readRegion(lx * ds, ly * ds, level, w, h);
        const inside = insideTissue(ds, lx, ly);
        const { mad, n } = meanAbsDiff(img, await reference(ds, lx, ly, w, h), inside);
        expect(n).toBeGreaterThan(0);
        expect(mad, `level ${level} at ${lx},${ly}`).toBeLessThanOrEqual(8);
        const opaqueOutside: string[] = [];
        let outside = 0;
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            if (inside(x, y)) continue;
            outside++;
            if (img.data[(y * w + x) * 4 + 3] !== 0) opaqueOutside.push(`${x},${y}`);
          }
        }
        expect(outside).toBeGreaterThan(0);
        expect(opaqueOutside.slice(0, 5), `level ${level}: pixels outside the tissue image are transparent`).toEqual([]);
      }
    } finally {
      await r.close();
    }
  });

  it('viewer tiles (decoded by OpenSlide, sent as JPEG) show the tissue where it lies', async (ctx) => {
    needsOpenSlide(ctx);
    const r = await openSlideFile(await openSlideFixture('leica.scn'));
    const dz = new DeepZoomServer(r, { tiles: new LruCache<Buffer>(1 << 24, (b) => b.length), raw: new LruCache<RawImage>(1 << 26, (i) => i.data.length) });
    try {
      expect(dz.tileSize).toBe(256);
      const top = dz.levels.length - 1;
      for (const [level, col, row] of [
        [top, 0, 0],
        [top, 4, 3],
        [top - 1, 2, 1],
        [top - 3, 0, 0],
      ]) {
        const t = await dz.tile(level, col, row, 'jpg');
        expect(t.passThrough).toBe(false);
        const { data, info: m } = await sharp(t.body).removeAlpha().raw().toBuffer({ resolveWithObject: true });
        const ds = 2 ** (top - level);
        const lx = col * 256;
        const ly = row * 256;
        const inside = insideTissue(ds, lx, ly);
        const decoded = { width: m.width, height: m.height, data: Buffer.alloc(m.width * m.height * 4) };
        for (let i = 0; i < m.width * m.height; i++) data.copy(decoded.data, i * 4, i * 3, i * 3 + 3);
        const { mad, n } = meanAbsDiff(decoded, await reference(ds, lx, ly, m.width, m.height), inside);
        expect(n, `tile ${level}/${col}_${row} covers tissue`).toBeGreaterThan(0);
        expect(mad, `tile ${level}/${col}_${row}`).toBeLessThanOrEqual(10);
      }
    } finally {
      dz.dropCached();
      await r.close();
    }
  });
});

describe('DICOM', () => {
  it('files.add takes a .dcm; opening it with an OpenSlide older than 4.0 (or none) says what is needed', async (ctx) => {
    if (lib && openSlideMajor(lib.version) >= 4) ctx.skip(`the installed OpenSlide ${lib.version} reads DICOM`);
    const dataDir = mkdtempSync(join(tmpdir(), 'sightline-dcm-'));
    const core = createCore({ dataDir, door: 'browser', version: 'test' });
    try {
      const call = async <T>(name: string, input: unknown) => {
        const env = await core.invoke(name, input, { actorId: null });
        if (!env.ok) throw new CoreError(env.error.code, env.error.message);
        return env.value as T;
      };
      const project = await call<{ id: number }>('projects.create', { name: 'P' });
      const kase = await call<{ id: number }>('cases.create', { projectId: project.id, name: 'C' });
      const path = join(dataDir, 'level-0.dcm');
      writeFileSync(path, Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.alloc(256, 1)]));
      const file = await call<{ id: number; kind: string; format: string }>('files.add', { caseId: kase.id, path });
      expect(file).toMatchObject({ kind: 'slide', format: 'dicom' });
      const env = await core.invoke('slides.open', { slideId: file.id }, { actorId: null });
      expect(env.ok).toBe(false);
      if (env.ok) return;
      expect(env.error.code).toBe('UNAVAILABLE');
      expect(env.error.message).toContain(lib ? `needs OpenSlide 4.0 or later, which reads DICOM; this computer has OpenSlide ${lib.version}` : 'needs OpenSlide 4.0 or later');
    } finally {
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
