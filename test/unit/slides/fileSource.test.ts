import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../../electron/core/errors';
import { BLOCK_BYTES, FileSource } from '../../../electron/core/slides/source/fileSource';

const dir = mkdtempSync(join(tmpdir(), 'sightline-filesource-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bytes = randomBytes(3 * BLOCK_BYTES + 1234);
const path = join(dir, 'data.bin');
writeFileSync(path, bytes);

describe('FileSource', () => {
  it('returns exactly the asked bytes, within blocks, across block edges, at the end and for large reads', async () => {
    const src = await FileSource.open(path);
    try {
      const reads: Array<[number, number]> = [
        [0, 8],
        [100, 13_000],
        [BLOCK_BYTES - 5000, 10_000],
        [2 * BLOCK_BYTES + 17, 40_000],
        [bytes.length - 600, 600],
        [1000, BLOCK_BYTES + 5],
        [bytes.length, 0],
      ];
      for (const [offset, length] of reads) {
        const got = await src.read(offset, length);
        expect(got.equals(bytes.subarray(offset, offset + length)), `${offset}+${length}`).toBe(true);
      }
    } finally {
      await src.close();
    }
  });

  it('neighbouring small reads share one read of the file, and each caller gets a buffer of its own', async () => {
    const src = await FileSource.open(path);
    try {
      const tiles = Array.from({ length: 16 }, (_, i) => [10_000 + i * 12_000, 12_000] as const);
      const got = await Promise.all(tiles.map(([o, n]) => src.read(o, n)));
      got.forEach((b, i) => expect(b.equals(bytes.subarray(tiles[i][0], tiles[i][0] + 12_000))).toBe(true));
      expect(src.fileReads).toBe(1);
      got[0].fill(0);
      expect((await src.read(tiles[0][0], 12_000)).equals(bytes.subarray(tiles[0][0], tiles[0][0] + 12_000))).toBe(true);
    } finally {
      await src.close();
    }
  });

  it('a range past the end is a corrupt-file error; so is a file cut short while open', async () => {
    const cut = join(dir, 'cut.bin');
    writeFileSync(cut, bytes);
    const src = await FileSource.open(cut);
    try {
      await expect(src.read(bytes.length - 10, 20, 'tile 7')).rejects.toThrow(/tile 7 lies past the end of the file/);
      truncateSync(cut, BLOCK_BYTES + 100);
      const err = await src.read(2 * BLOCK_BYTES + 10, 100, 'tile 9').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CoreError);
      expect((err as CoreError).code).toBe('CORRUPT_FILE');
      expect((err as CoreError).message).toMatch(/tile 9 ends early/);
    } finally {
      await src.close();
    }
    await expect(src.read(0, 10)).rejects.toThrow(/was closed/);
  });
});
