/**
 * Baseline JPEG tiles of one TIFF level that share their headers (tables, size, sampling) can be decoded as one
 * image: stacked vertically, each tile's entropy-coded data becomes one restart interval of a taller JPEG. A restart
 * marker resets the DC predictors, exactly as each tile's own scan started with them reset, so the decoded pixels
 * are those of the tiles, one above the other. One decoder call then does the work of many (each call to the
 * decoder costs far more than decoding a 240-pixel tile).
 */

export interface TileJpeg {
  /** SOI up to and including the SOS segment. */
  header: Buffer;
  /** Offset of the SOF segment's marker in `header`. */
  sofAt: number;
  /** Offset of the SOS segment's marker in `header`. */
  sosAt: number;
  /** The entropy-coded data (between the SOS segment and EOI, fill bytes dropped). */
  scan: Buffer;
  width: number;
  height: number;
  /** MCUs in the tile: the restart interval when stacked. */
  mcus: number;
}

/** JPEG height is 16-bit; and a stack never needs to be taller than a few tiles. */
const MAX_STACK_HEIGHT = 65_535;

/**
 * The parts of a baseline, single-scan JPEG with no restart interval whose height is a whole number of MCU rows, or
 * null for anything else (progressive, arithmetic, lossless, restart markers, several scans, odd heights).
 */
export function parseTileJpeg(jpeg: Buffer): TileJpeg | null {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
  let i = 2;
  let sofAt = -1;
  let width = 0;
  let height = 0;
  let comps: Array<{ h: number; v: number }> = [];
  for (;;) {
    if (i + 4 > jpeg.length || jpeg[i] !== 0xff) return null;
    while (jpeg[i + 1] === 0xff && i + 2 < jpeg.length) i++;
    const m = jpeg[i + 1];
    if (m === 0xd8 || m === 0xd9 || (m >= 0xd0 && m <= 0xd7) || m === 0x01) return null;
    const len = jpeg.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > jpeg.length) return null;
    if (m === 0xc0 || m === 0xc1) {
      if (jpeg[i + 4] !== 8) return null;
      sofAt = i;
      height = jpeg.readUInt16BE(i + 5);
      width = jpeg.readUInt16BE(i + 7);
      const nf = jpeg[i + 9];
      if (len !== 8 + 3 * nf || nf < 1) return null;
      comps = Array.from({ length: nf }, (_, k) => ({ h: jpeg[i + 11 + 3 * k] >> 4, v: jpeg[i + 11 + 3 * k] & 15 }));
    } else if ((m >= 0xc2 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xdd || m === 0xdc) {
      return null;
    } else if (m === 0xda) {
      if (sofAt < 0 || width === 0 || height === 0) return null;
      const ns = jpeg[i + 4];
      const dataAt = i + 2 + len;
      const end = scanEnd(jpeg, dataAt);
      if (end < 0) return null;
      const hMax = Math.max(...comps.map((c) => c.h));
      const vMax = Math.max(...comps.map((c) => c.v));
      if (hMax < 1 || vMax < 1) return null;
      let mcus: number;
      if (ns === 1 && comps.length === 1) {
        if (height % 8 !== 0) return null;
        mcus = Math.ceil(width / 8) * (height / 8);
      } else if (ns === comps.length) {
        if (height % (8 * vMax) !== 0) return null;
        mcus = Math.ceil(width / (8 * hMax)) * (height / (8 * vMax));
      } else {
        return null;
      }
      if (mcus > 0xffff) return null;
      return { header: jpeg.subarray(0, dataAt), sofAt, sosAt: i, scan: jpeg.subarray(dataAt, end), width, height, mcus };
    }
    i += 2 + len;
  }
}

/** Where the entropy-coded data starting at `from` ends: at the EOI marker (after fill bytes), else -1. */
function scanEnd(jpeg: Buffer, from: number): number {
  let p = jpeg.indexOf(0xff, from);
  while (p >= 0 && p + 1 < jpeg.length) {
    let q = p + 1;
    while (q < jpeg.length && jpeg[q] === 0xff) q++;
    if (q >= jpeg.length) return -1;
    const b = jpeg[q];
    if (b === 0x00) p = jpeg.indexOf(0xff, q + 1);
    else return b === 0xd9 ? p : -1;
  }
  return -1;
}

/**
 * One JPEG holding the tiles one above the other, or null when they cannot be stacked (different headers,
 * fewer than two, or too tall).
 */
export function stackJpegTiles(tiles: readonly TileJpeg[]): Buffer | null {
  if (tiles.length < 2) return null;
  const first = tiles[0];
  if (first.height * tiles.length > MAX_STACK_HEIGHT) return null;
  for (const t of tiles) if (!t.header.equals(first.header)) return null;
  const head = Buffer.from(first.header.subarray(0, first.sosAt));
  head.writeUInt16BE(first.height * tiles.length, first.sofAt + 5);
  const dri = Buffer.from([0xff, 0xdd, 0x00, 0x04, first.mcus >> 8, first.mcus & 0xff]);
  const parts: Buffer[] = [head, dri, first.header.subarray(first.sosAt)];
  tiles.forEach((t, k) => {
    parts.push(t.scan);
    if (k < tiles.length - 1) parts.push(Buffer.from([0xff, 0xd0 + (k % 8)]));
  });
  parts.push(Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}
