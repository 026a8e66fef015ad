import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeLzw } from '../../../electron/core/slides/codecs/lzw';
import { decodePackBits } from '../../../electron/core/slides/codecs/packBits';
import { markJpegAsRgb, spliceJpegTables } from '../../../electron/core/slides/codecs/jpegTables';
import { LruCache } from '../../../electron/core/slides/lruCache';
import { encodeLzw } from '../../fixtures/slides/lzwEncode';
import { splitJpeg } from '../../fixtures/slides/jpegParts';
import sharp from 'sharp';

function noise(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    b[i] = i % 7 < 3 ? (s >>> 24) & 0xff : (i >> 5) & 0xff;
  }
  return b;
}

describe('TIFF codecs', () => {
  it('LZW decodes what a TIFF LZW encoder wrote, across table resets', () => {
    for (const data of [Buffer.alloc(0), Buffer.from('TOBEORNOTTOBEORTOBEORNOT'), Buffer.alloc(100_000, 7), noise(300_000, 1)]) {
      expect(decodeLzw(encodeLzw(data), data.length).equals(data)).toBe(true);
    }
  });

  it('LZW never writes past the expected size, whatever the input', () => {
    const junk = noise(5000, 9);
    const out = decodeLzw(junk, 1000);
    expect(out.length).toBe(1000);
  });

  it('PackBits decodes literal and repeated runs, bounded', () => {
    const packed = Buffer.from([2, 1, 2, 3, 0xfd, 9, 0x80, 0, 4]);
    expect([...decodePackBits(packed, 9)]).toEqual([1, 2, 3, 9, 9, 9, 9, 4, 0]);
    expect(decodePackBits(Buffer.from([0x81, 5]), 4).length).toBe(4);
  });

  it('JPEGTables splice rebuilds a complete JPEG equal to the original minus its APP0', async () => {
    const rgb = noise(64 * 64 * 3, 3);
    const jpeg = await sharp(rgb, { raw: { width: 64, height: 64, channels: 3 } }).jpeg({ quality: 80, mozjpeg: false, optimiseCoding: false }).toBuffer();
    const { tables, abbreviated } = splitJpeg(jpeg);
    const whole = spliceJpegTables(tables, abbreviated);
    const a = await sharp(jpeg).raw().toBuffer();
    const b = await sharp(whole).raw().toBuffer();
    expect(b.equals(a)).toBe(true);
    expect(spliceJpegTables(null, abbreviated)).toBe(abbreviated);
  });

  it('marks RGB-photometric JPEG with an Adobe transform-0 marker once, leaving JFIF streams alone', async () => {
    const plain = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
    const jfif = Buffer.concat([plain.subarray(0, 2), app0, plain.subarray(2)]);
    expect(markJpegAsRgb(jfif)).toBe(jfif);
    const bare = spliceJpegTables(splitJpeg(jfif).tables, splitJpeg(jfif).abbreviated);
    const marked = markJpegAsRgb(bare);
    expect(marked.length).toBe(bare.length + 16);
    expect(marked.toString('latin1', 6, 11)).toBe('Adobe');
    expect(markJpegAsRgb(marked)).toBe(marked);
  });

  it('deflate input is bounded by zlib maxOutputLength', async () => {
    const { inflateSync } = await import('node:zlib');
    expect(() => inflateSync(deflateSync(Buffer.alloc(10_000)), { maxOutputLength: 100 })).toThrow();
  });
});

describe('LRU tile cache', () => {
  it('evicts least recently used entries to stay under its byte budget', () => {
    const c = new LruCache<Buffer>(100, (b) => b.length);
    c.set('a', Buffer.alloc(40));
    c.set('b', Buffer.alloc(40));
    expect(c.get('a')).toBeDefined();
    c.set('c', Buffer.alloc(40));
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBeDefined();
    expect(c.totalBytes).toBe(80);
    c.set('huge', Buffer.alloc(101));
    expect(c.get('huge')).toBeUndefined();
    c.deletePrefix('a');
    expect(c.size).toBe(1);
  });
});
