import type { FileSource } from '../source/fileSource';
import { corrupt, unsupported } from '../slideErrors';
import { KNOWN_TAGS, Tag, typeSize } from './tiffTags';

/** A tag's value: numbers for numeric types, text for ASCII, raw bytes for BYTE/UNDEFINED. */
export type TagValue = { kind: 'numbers'; values: Float64Array } | { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Buffer };

export interface Ifd {
  offset: number;
  tags: Map<number, TagValue>;
  subIfds: Ifd[];
}

export interface TiffFile {
  bigTiff: boolean;
  littleEndian: boolean;
  /** The main chain, in file order. */
  ifds: Ifd[];
}

export const TIFF_LIMITS = {
  maxIfds: 1024,
  maxEntriesPerIfd: 4096,
  /** Tag bytes read in total while parsing (offset tables of large slides are a few MB). */
  maxMetadataBytes: 512 * 1024 * 1024,
};

/** True when the first bytes are a TIFF or BigTIFF header. */
export function isTiffMagic(head: Buffer): boolean {
  if (head.length < 4) return false;
  const order = head.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return false;
  const magic = order === 'II' ? head.readUInt16LE(2) : head.readUInt16BE(2);
  return magic === 42 || magic === 43;
}

class Reader {
  constructor(
    readonly buf: Buffer,
    readonly le: boolean,
  ) {}
  u16(o: number): number {
    return this.le ? this.buf.readUInt16LE(o) : this.buf.readUInt16BE(o);
  }
  u32(o: number): number {
    return this.le ? this.buf.readUInt32LE(o) : this.buf.readUInt32BE(o);
  }
  /** 64-bit unsigned; values past 2^53 come back as Infinity so range checks reject them. */
  u64(o: number): number {
    const v = this.le ? this.buf.readBigUInt64LE(o) : this.buf.readBigUInt64BE(o);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v);
  }
}

function decodeValues(r: Reader, type: number, count: number, start: number): TagValue {
  const { buf } = r;
  if (type === 2) {
    const text = buf.toString('latin1', start, start + count);
    const nul = text.indexOf('\0');
    return { kind: 'text', text: nul >= 0 ? text.slice(0, nul) : text };
  }
  if (type === 1 || type === 7 || type === 6) return { kind: 'bytes', bytes: Buffer.from(buf.subarray(start, start + count)) };
  const values = new Float64Array(count);
  const size = typeSize(type);
  for (let i = 0; i < count; i++) {
    const o = start + i * size;
    switch (type) {
      case 3:
        values[i] = r.u16(o);
        break;
      case 8:
        values[i] = r.le ? buf.readInt16LE(o) : buf.readInt16BE(o);
        break;
      case 4:
      case 13:
        values[i] = r.u32(o);
        break;
      case 9:
        values[i] = r.le ? buf.readInt32LE(o) : buf.readInt32BE(o);
        break;
      case 11:
        values[i] = r.le ? buf.readFloatLE(o) : buf.readFloatBE(o);
        break;
      case 12:
        values[i] = r.le ? buf.readDoubleLE(o) : buf.readDoubleBE(o);
        break;
      case 5: {
        const den = r.u32(o + 4);
        values[i] = den === 0 ? NaN : r.u32(o) / den;
        break;
      }
      case 10: {
        const num = r.le ? buf.readInt32LE(o) : buf.readInt32BE(o);
        const den = r.le ? buf.readInt32LE(o + 4) : buf.readInt32BE(o + 4);
        values[i] = den === 0 ? NaN : num / den;
        break;
      }
      case 16:
      case 18:
        values[i] = r.u64(o);
        break;
      case 17: {
        const v = r.le ? buf.readBigInt64LE(o) : buf.readBigInt64BE(o);
        values[i] = Number(v);
        break;
      }
    }
  }
  return { kind: 'numbers', values };
}

/**
 * Reads the header and every IFD (and the SubIFDs of each) of a TIFF or BigTIFF file.
 * Every offset and count is checked against the file size; loops and overlong chains are refused.
 */
export async function parseTiff(src: FileSource, limits = TIFF_LIMITS): Promise<TiffFile> {
  const path = src.path;
  if (src.size < 8) throw corrupt(path, `the file is only ${src.size} bytes, too short for a TIFF header`);
  const head = await src.read(0, Math.min(16, src.size), 'the TIFF header');
  if (!isTiffMagic(head)) throw unsupported(path, 'it does not start with a TIFF header');
  const le = head.toString('latin1', 0, 2) === 'II';
  const hr = new Reader(head, le);
  const bigTiff = hr.u16(2) === 43;
  let first: number;
  if (bigTiff) {
    if (head.length < 16) throw corrupt(path, 'the BigTIFF header is cut short');
    if (hr.u16(4) !== 8 || hr.u16(6) !== 0) throw corrupt(path, 'the BigTIFF header has an unexpected offset size');
    first = hr.u64(8);
  } else {
    first = hr.u32(4);
  }

  const seen = new Set<number>();
  let metadataBytes = 0;
  const countSize = bigTiff ? 8 : 2;
  const entrySize = bigTiff ? 20 : 12;
  const offsetSize = bigTiff ? 8 : 4;

  async function readIfd(offset: number, depth: number): Promise<{ ifd: Ifd; next: number }> {
    if (seen.has(offset)) throw corrupt(path, `the image directory at byte ${offset} is referenced twice (a loop)`);
    if (seen.size >= limits.maxIfds) throw corrupt(path, `it has more than ${limits.maxIfds} image directories`);
    seen.add(offset);
    if (!Number.isSafeInteger(offset) || offset < 8) throw corrupt(path, `an image directory offset (${offset}) is invalid`);
    const countBuf = await src.read(offset, countSize, 'an image directory');
    const n = bigTiff ? new Reader(countBuf, le).u64(0) : new Reader(countBuf, le).u16(0);
    if (n === 0 || n > limits.maxEntriesPerIfd) throw corrupt(path, `an image directory claims ${n} entries`);
    const body = await src.read(offset + countSize, n * entrySize + offsetSize, 'an image directory');
    const r = new Reader(body, le);
    const tags = new Map<number, TagValue>();
    for (let i = 0; i < n; i++) {
      const e = i * entrySize;
      const tag = r.u16(e);
      if (!KNOWN_TAGS.has(tag)) continue;
      const type = r.u16(e + 2);
      const count = bigTiff ? r.u64(e + 4) : r.u32(e + 4);
      const size = typeSize(type);
      if (size === 0) continue;
      const bytes = size * count;
      if (!Number.isSafeInteger(bytes)) throw corrupt(path, `tag ${tag} claims ${count} values`);
      const valueField = e + (bigTiff ? 12 : 8);
      let value: TagValue;
      if (bytes <= offsetSize) {
        value = decodeValues(r, type, count, valueField);
      } else {
        const at = bigTiff ? r.u64(valueField) : r.u32(valueField);
        metadataBytes += bytes;
        if (metadataBytes > limits.maxMetadataBytes) throw corrupt(path, 'its directories claim more metadata than any slide has');
        const data = await src.read(at, bytes, `the values of tag ${tag}`);
        value = decodeValues(new Reader(data, le), type, count, 0);
      }
      tags.set(tag, value);
    }
    const next = bigTiff ? r.u64(n * entrySize) : r.u32(n * entrySize);
    const ifd: Ifd = { offset, tags, subIfds: [] };
    const sub = tags.get(Tag.SubIFDs);
    if (sub && depth === 0) {
      const offsets = sub.kind === 'numbers' ? Array.from(sub.values) : [];
      for (const o of offsets) {
        // A SubIFD may itself chain to further reduced images (one pyramid per chain).
        let at = o;
        while (at !== 0) {
          const { ifd: child, next: n2 } = await readIfd(at, depth + 1);
          ifd.subIfds.push(child);
          at = n2;
        }
      }
    }
    return { ifd, next };
  }

  const ifds: Ifd[] = [];
  let at = first;
  if (at === 0) throw corrupt(path, 'it has no images');
  while (at !== 0) {
    const { ifd, next } = await readIfd(at, 0);
    ifds.push(ifd);
    at = next;
  }
  return { bigTiff, littleEndian: le, ifds };
}

export function tagNumbers(ifd: Ifd, tag: number): Float64Array | null {
  const v = ifd.tags.get(tag);
  if (!v) return null;
  if (v.kind === 'numbers') return v.values;
  if (v.kind === 'bytes') return Float64Array.from(v.bytes);
  return null;
}

export function tagNumber(ifd: Ifd, tag: number, fallback: number): number {
  const v = tagNumbers(ifd, tag);
  return v && v.length > 0 ? v[0] : fallback;
}

export function tagText(ifd: Ifd, tag: number): string {
  const v = ifd.tags.get(tag);
  if (!v) return '';
  if (v.kind === 'text') return v.text;
  if (v.kind === 'bytes') return v.bytes.toString('latin1').replace(/\0+$/, '');
  return '';
}

export function tagBytes(ifd: Ifd, tag: number): Buffer | null {
  const v = ifd.tags.get(tag);
  if (!v) return null;
  if (v.kind === 'bytes') return v.bytes;
  if (v.kind === 'text') return Buffer.from(v.text, 'latin1');
  return null;
}
