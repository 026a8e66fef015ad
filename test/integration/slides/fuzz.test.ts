import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../../electron/core/errors';
import { LruCache } from '../../../electron/core/slides/lruCache';
import type { RawImage } from '../../../electron/core/slides/rawImage';
import { TiffSlideReader } from '../../../electron/core/slides/readers/tiffSlideReader';
import { writeSmallTiff } from './smallTiff';

// Thousands of small rewrites: RAM-backed storage where there is some.
const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'sightline-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 2,000 mutations in all: half on a classic TIFF, half on a BigTIFF. */
const CASES = 1000;
const PER_CASE_MS = 2000;
const MAX_GROWTH_BYTES = 256 * 1024 * 1024;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: ${what} took over ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Everything a viewer would do with a slide: read a region of every level, a tile, the associated images. */
async function exercise(path: string): Promise<void> {
  const cache = new LruCache<RawImage>(8 * 1024 * 1024, (r) => r.data.length);
  const r = await TiffSlideReader.open(path, { rawCache: cache });
  try {
    for (let l = 0; l < r.levels.length; l++) {
      const lv = r.levels[l];
      await r.readRegion(0, 0, l, Math.min(lv.width, 300), Math.min(lv.height, 300));
      await r.readTile(l, 0, 0);
    }
    for (const a of r.associatedImages) await r.readAssociated(a.name);
  } finally {
    await r.close();
  }
}

describe('TIFF parser fuzz', () => {
  it.each([false, true])(`survives ${CASES} seeded header mutations (BigTIFF: %s): no crash, no hang, bounded memory`, async (bigTiff) => {
    const base = join(dir, `base-${bigTiff}.tif`);
    await writeSmallTiff(base, { bigTiff });
    const original = readFileSync(base);
    await exercise(base);
    // The header and the directories sit in the first 16 bytes and after the tile data.
    const ifdStart = bigTiff ? Number(original.readBigUInt64LE(8)) : original.readUInt32LE(4);
    const metaStart = Math.min(ifdStart, original.length - 1);
    const rand = rng(bigTiff ? 4242 : 2424);
    const target = join(dir, `case-${bigTiff}.tif`);
    const outcomes = { opened: 0, refused: 0 };
    const before = memory();
    let peak = before;
    for (let i = 0; i < CASES; i++) {
      const buf = Buffer.from(original);
      const edits = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < edits; k++) {
        const pos = rand() < 0.15 ? Math.floor(rand() * 16) : metaStart + Math.floor(rand() * (buf.length - metaStart));
        const mode = rand();
        if (mode < 0.5) buf[pos] = Math.floor(rand() * 256);
        else if (mode < 0.75) buf[pos] ^= 1 << Math.floor(rand() * 8);
        else buf[pos] = rand() < 0.5 ? 0 : 0xff;
      }
      writeFileSync(target, buf);
      try {
        await withTimeout(exercise(target), PER_CASE_MS, `case ${i}`);
        outcomes.opened++;
      } catch (e) {
        if (!(e instanceof CoreError)) throw new Error(`case ${i}: untyped failure ${(e as Error).stack}`);
        expect(['CORRUPT_FILE', 'UNSUPPORTED_FILE', 'INVALID_INPUT']).toContain(e.code);
        expect(e.message.length).toBeGreaterThan(10);
        outcomes.refused++;
      }
      if (i % 100 === 0) peak = Math.max(peak, memory());
    }
    expect(outcomes.opened + outcomes.refused).toBe(CASES);
    expect(outcomes.refused).toBeGreaterThan(CASES / 10);
    expect(peak - before).toBeLessThan(MAX_GROWTH_BYTES);
  }, 240_000);
});
