import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../../electron/core/errors';
import { openSlideFile } from '../../../electron/core/slides/readers/openSlideFile';
import { TiffSlideReader } from '../../../electron/core/slides/readers/tiffSlideReader';
import { slideFixture } from '../../fixtures/slides/generate';
import { writeTiff } from '../../fixtures/slides/tiffWriter';
import { writeSmallTiff } from './smallTiff';

const dir = mkdtempSync(join(tmpdir(), 'sightline-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function errorOf(p: Promise<unknown>): Promise<CoreError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CoreError);
    return e as CoreError;
  }
  throw new Error('expected the slide to be refused');
}

describe('bad slide files give typed errors with clear messages', () => {
  it('a valid small TIFF opens (the base the broken ones start from)', async () => {
    const p = join(dir, 'ok.tif');
    await writeSmallTiff(p);
    const r = await TiffSlideReader.open(p);
    expect(r.levels.map((l) => l.width)).toEqual([512, 256]);
    expect(r.associatedImages.map((a) => a.name)).toEqual(['label']);
    await r.close();
  });

  it('missing file → FILE_NOT_FOUND', async () => {
    const e = await errorOf(openSlideFile(join(dir, 'nope.svs')));
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.message).toMatch(/no file at .*nope\.svs/);
  });

  it('a folder → UNSUPPORTED_FILE', async () => {
    mkdirSync(join(dir, 'folder.svs'));
    expect((await errorOf(openSlideFile(join(dir, 'folder.svs')))).code).toBe('UNSUPPORTED_FILE');
  });

  it('wrong magic → UNSUPPORTED_FILE naming the bytes it found', async () => {
    const p = join(dir, 'text.svs');
    writeFileSync(p, 'this is not a slide at all');
    const e = await errorOf(openSlideFile(p));
    expect(e.code).toBe('UNSUPPORTED_FILE');
    expect(e.message).toMatch(/not a slide format Sightline reads.*74 68 69 73/);
  });

  it('empty file → CORRUPT_FILE', async () => {
    const p = join(dir, 'empty.tif');
    writeFileSync(p, '');
    expect((await errorOf(openSlideFile(p))).code).toBe('CORRUPT_FILE');
  });

  it('truncated SVS → CORRUPT_FILE that says it may be truncated', async () => {
    const full = readFileSync(await slideFixture('aperio-jpeg.svs'));
    const p = join(dir, 'truncated.svs');
    writeFileSync(p, full.subarray(0, Math.floor(full.length * 0.6)));
    const e = await errorOf(openSlideFile(p));
    expect(e.code).toBe('CORRUPT_FILE');
    expect(e.message).toMatch(/truncated/);
  });

  it('tile data cut off while the directories survive → CORRUPT_FILE', async () => {
    const p = join(dir, 'cut-tiles.tif');
    await writeSmallTiff(p, { level0Tags: [{ tag: 324, type: 4, values: [8, 8, 8, 50_000_000] }] });
    const e = await errorOf(openSlideFile(p));
    expect(e.code).toBe('CORRUPT_FILE');
    expect(e.message).toMatch(/tile 3 lies past the end of the file/);
  });

  it('absurd dimensions → CORRUPT_FILE', async () => {
    const p = join(dir, 'huge.tif');
    await writeSmallTiff(p, { level0Tags: [{ tag: 256, type: 4, values: [4_000_000_000] }] });
    const e = await errorOf(openSlideFile(p));
    expect(e.code).toBe('CORRUPT_FILE');
    expect(e.message).toMatch(/beyond any real slide/);
  });

  it('tile counts that do not match the size → CORRUPT_FILE', async () => {
    const p = join(dir, 'count.tif');
    await writeSmallTiff(p, { level0Tags: [{ tag: 256, type: 4, values: [1024] }] });
    const e = await errorOf(openSlideFile(p));
    expect(e.code).toBe('CORRUPT_FILE');
    expect(e.message).toMatch(/needs 8 tiles but lists 4/);
  });

  it('absurd tile size → CORRUPT_FILE', async () => {
    const p = join(dir, 'tilesize.tif');
    await writeSmallTiff(p, { level0Tags: [{ tag: 322, type: 4, values: [1_000_000] }] });
    expect((await errorOf(openSlideFile(p))).code).toBe('CORRUPT_FILE');
  });

  it('unknown compression → UNSUPPORTED_FILE naming the code', async () => {
    const p = join(dir, 'compression.tif');
    await writeSmallTiff(p, { compression: 34892 });
    const e = await errorOf(openSlideFile(p));
    expect(e.code).toBe('UNSUPPORTED_FILE');
    expect(e.message).toMatch(/code 34892 compression/);
  });

  it('an IFD chain that loops → CORRUPT_FILE', async () => {
    const p = join(dir, 'loop.tif');
    const buf = Buffer.alloc(8 + 2 + 12 + 4);
    buf.write('II', 0, 'latin1');
    buf.writeUInt16LE(42, 2);
    buf.writeUInt32LE(8, 4);
    buf.writeUInt16LE(1, 8);
    buf.writeUInt16LE(256, 10);
    buf.writeUInt16LE(3, 12);
    buf.writeUInt32LE(1, 14);
    buf.writeUInt16LE(16, 18);
    buf.writeUInt32LE(8, 22);
    writeFileSync(p, buf);
    const e = await errorOf(openSlideFile(p));
    expect(e.code).toBe('CORRUPT_FILE');
    expect(e.message).toMatch(/loop/);
  });

  it('a damaged tile fails that read with CORRUPT_FILE; the slide stays usable', async () => {
    const p = join(dir, 'badtile.tif');
    writeTiff(
      p,
      [
        {
          width: 512,
          height: 256,
          tile: { width: 256, height: 256 },
          chunks: [Buffer.from('not deflate data at all'), (await import('node:zlib')).deflateSync(Buffer.alloc(256 * 256 * 3, 200))],
          compression: 8,
          photometric: 2,
          samplesPerPixel: 3,
        },
      ],
      { bigTiff: false },
    );
    const r = await openSlideFile(p);
    const e = await errorOf(r.readRegion(0, 0, 0, 300, 10));
    expect(e.code).toBe('CORRUPT_FILE');
    const ok = await r.readRegion(256, 0, 0, 10, 10);
    expect(ok.data[0]).toBe(200);
    await r.close();
  });

  it('region arguments are checked', async () => {
    const r = await openSlideFile(await slideFixture('pyramid-none.tif'));
    expect((await errorOf(r.readRegion(0, 0, 9, 10, 10))).code).toBe('INVALID_INPUT');
    expect((await errorOf(r.readRegion(0, 0, 0, 0, 10))).code).toBe('INVALID_INPUT');
    expect((await errorOf(r.readRegion(0, 0, 0, 100_000, 100_000))).code).toBe('INVALID_INPUT');
    await r.close();
  });
});
