import { describe, expect, it } from 'vitest';
import { LruCache } from '../../../electron/core/slides/lruCache';
import type { RawImage } from '../../../electron/core/slides/rawImage';
import { openSlideFile } from '../../../electron/core/slides/readers/openSlideFile';
import type { SlideReader } from '../../../electron/core/slides/readers/slideReader';
import type { TiledReaderBase } from '../../../electron/core/slides/readers/tiledReaderBase';
import { slideFixture } from '../../fixtures/slides/generate';

/** The protected members these tests watch or turn off. */
interface Inside {
  tileGroupRows(level: number): number;
  decodeTile(level: number, col: number, row: number, channels?: 3 | 4): Promise<RawImage>;
  decodeTileGroup(level: number, col: number, row: number, count: number, channels?: 3 | 4): Promise<RawImage[]>;
}
const inside = (r: SlideReader) => r as unknown as Inside;

async function open(opts: { oneByOne?: boolean } = {}) {
  const cache = new LruCache<RawImage>(512 * 1024 * 1024, (r) => r.data.length);
  const reader = (await openSlideFile(await slideFixture('aperio-jpeg.svs'), { rawCache: cache })) as TiledReaderBase;
  const calls = { tiles: 0, groups: 0 };
  const tile = inside(reader).decodeTile.bind(reader);
  const group = inside(reader).decodeTileGroup.bind(reader);
  inside(reader).decodeTile = (l, c, r, ch) => (calls.tiles++, tile(l, c, r, ch));
  inside(reader).decodeTileGroup = (l, c, r, n, ch) => (calls.groups++, group(l, c, r, n, ch));
  if (opts.oneByOne) inside(reader).tileGroupRows = () => 1;
  return { reader, cache, calls };
}

/** The 4800 × 3600 fixture's level 0 has 240-px JPEG tiles, 15 rows; a region across 6 of them. */
const REGION = [250, 300, 0, 900, 1300] as const;

describe('JPEG tiles decoded a column run at a time', () => {
  it('reads a region with one decoder call per run of rows instead of one per tile', async () => {
    const { reader, calls } = await open();
    const tilesPerColumn = Math.ceil((300 + 1300) / 240) - Math.floor(300 / 240);
    const columns = Math.ceil((250 + 900) / 240) - Math.floor(250 / 240);
    await reader.readRegion(...REGION);
    expect(calls.groups).toBeLessThanOrEqual(columns * 2);
    expect(calls.tiles).toBe(0);
    const { reader: plain, calls: plainCalls } = await open({ oneByOne: true });
    await plain.readRegion(...REGION);
    expect(plainCalls.tiles).toBe(columns * tilesPerColumn);
    await Promise.all([reader.close(), plain.close()]);
  });

  it('gives the pixels of one-by-one decoding, but for chroma smoothing in the row each side of a boundary inside a run', async () => {
    const { reader } = await open();
    const { reader: plain } = await open({ oneByOne: true });
    const a = await reader.readRegion(...REGION);
    const b = await plain.readRegion(...REGION);
    const rowBytes = a.width * 4;
    const rows = new Set<number>();
    let sum = 0;
    for (let i = 0; i < a.data.length; i++) {
      const d = Math.abs(a.data[i] - b.data[i]);
      if (d) rows.add(Math.floor(i / rowBytes) + 300);
      sum += d;
    }
    for (const y of rows) expect([239, 0].includes(y % 240)).toBe(true);
    expect(sum / a.data.length).toBeLessThan(0.5);
    await Promise.all([reader.close(), plain.close()]);
  });

  it('decodes a tile the same whatever was read before (runs are aligned, not made of whatever is missing)', async () => {
    const first = await open();
    const cold = await first.reader.readRegion(...REGION);
    const second = await open();
    // Read a single tile in the middle of a run first, and evict part of another run.
    await second.reader.readTileRaw(0, 2, 4);
    await second.reader.readRegion(250, 300, 0, 400, 300);
    second.cache.deletePrefix('');
    await second.reader.readTileRaw(0, 1, 3);
    const warm = await second.reader.readRegion(...REGION);
    expect(warm.data.equals(cold.data)).toBe(true);
    await Promise.all([first.reader.close(), second.reader.close()]);
  });

  it('shares one decode between concurrent requests for tiles of the same run, and caches the whole run', async () => {
    const { reader, cache, calls } = await open();
    const tiles = await Promise.all([0, 1, 2, 3].map((r) => reader.readTileRaw(0, 5, r)));
    expect(calls.groups).toBe(1);
    expect(tiles.every((t) => t.width === 240 && t.height === 240)).toBe(true);
    const run = inside(reader).tileGroupRows(0);
    expect(run).toBeGreaterThan(1);
    expect(cache.size).toBe(run);
    await reader.readTileRaw(0, 5, run - 1);
    expect(calls.groups).toBe(1);
    await reader.close();
  });

  it('reads into a caller buffer, says when the region is wholly opaque, and clears what lies outside the slide', async () => {
    const { reader } = await open();
    const buffer = Buffer.alloc(900 * 1300 * 4 + 16, 7);
    const into = (await reader.readRegionInto(...REGION, buffer)) as RawImage;
    expect(into.data.buffer).toBe(buffer.buffer);
    expect(into.opaque).toBe(true);
    expect(into.data.equals((await reader.readRegion(...REGION)).data)).toBe(true);
    const edge = (await reader.readRegionInto(4600, 3400, 0, 400, 400, buffer)) as RawImage;
    expect(edge.opaque).toBeFalsy();
    expect(edge.data[(399 * 400 + 399) * 4 + 3]).toBe(0);
    expect(edge.data[3]).toBe(255);
    await expect(reader.readRegionInto(0, 0, 0, 2000, 2000, buffer)).rejects.toThrow(/needs/);
    await reader.close();
  });

  it('reads RGB on white: the RGBA pixels without alpha, white outside the slide', async () => {
    const { reader } = await open();
    const rgba = await reader.readRegion(...REGION);
    const buffer = Buffer.alloc(900 * 1300 * 3, 7);
    const rgb = (await reader.readRegionInto(...REGION, buffer, 3)) as RawImage;
    expect(rgb.channels).toBe(3);
    expect(rgb.data.buffer).toBe(buffer.buffer);
    const stripped = Buffer.alloc(rgb.data.length);
    for (let i = 0, j = 0; i < rgba.data.length; i += 4, j += 3) rgba.data.copy(stripped, j, i, i + 3);
    expect(rgb.data.equals(stripped)).toBe(true);
    const edge = (await reader.readRegionInto(4600, 3400, 0, 400, 400, null, 3)) as RawImage;
    const edgeRgba = await reader.readRegion(4600, 3400, 0, 400, 400);
    expect([...edge.data.subarray((399 * 400 + 399) * 3, (399 * 400 + 400) * 3)]).toEqual([255, 255, 255]);
    expect([...edge.data.subarray(0, 3)]).toEqual([...edgeRgba.data.subarray(0, 3)]);
    await reader.close();
  });

  it('decodes tiles in the form the read wants, and keeps a tile converted once it is read the other way', async () => {
    const { reader, cache, calls } = await open();
    const rgb = (await reader.readRegionInto(...REGION, null, 3)) as RawImage;
    const decoded = calls.groups;
    const key = `${(reader as unknown as { cacheKey: string }).cacheKey}0:2:3`;
    expect(cache.peek(key)!.channels).toBe(3);
    const rgba = await reader.readRegion(...REGION);
    expect(calls.groups).toBe(decoded);
    expect(cache.peek(key)!.channels ?? 4).toBe(4);
    const again = (await reader.readRegionInto(...REGION, null, 3)) as RawImage;
    expect(again.data.equals(rgb.data)).toBe(true);
    const cold = await open();
    expect(rgba.data.equals((await cold.reader.readRegion(...REGION)).data)).toBe(true);
    await Promise.all([reader.close(), cold.reader.close()]);
  });
});
