import sharp from 'sharp';
import type { RasterImage } from '../../../shared/models/image';
import { CoreError } from '../errors';

/** A tile as a slide reader stores it: encoded bytes (JPEG, PNG…) or decoded RGBA. */
export type StoredTile = { kind: 'encoded'; data: Buffer } | { kind: 'raw'; image: { width: number; height: number; data: Uint8Array } };

export interface TiledLevelSource {
  readonly levels: ReadonlyArray<{ readonly width: number; readonly height: number; readonly tileWidth: number; readonly tileHeight: number }>;
  readTile(level: number, col: number, row: number): Promise<StoredTile>;
}

interface Decoded {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array;
}

/** Decoded tile pixels as RGB, or RGBA (composited onto white while reducing). */
async function decodeTile(t: StoredTile): Promise<Decoded> {
  if (t.kind === 'raw') return { width: t.image.width, height: t.image.height, channels: 4, data: t.image.data };
  const { data, info } = await sharp(t.data, { failOn: 'error', limitInputPixels: 64 * 1024 * 1024 }).toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data };
}

/** One colour sample composited onto white glass. */
const onWhite = (v: number, a: number) => (a === 255 ? v : Math.round((v * a + 255 * (255 - a)) / 255));

/** Writes the f×f box means of a tile whose position and clipped size are multiples of f straight into `out`. */
function reduceAligned(t: Decoded, f: number, out: Uint8Array, outW: number, x0: number, y0: number, w: number, h: number): void {
  const d = t.data;
  const ch = t.channels;
  const rowBytes = t.width * ch;
  const ow = w / f;
  const oh = h / f;
  if (f === 2 && ch === 3) {
    for (let oy = 0; oy < oh; oy++) {
      let o = ((y0 / 2 + oy) * outW + x0 / 2) * 3;
      let i = oy * 2 * rowBytes;
      let j = i + rowBytes;
      for (let ox = 0; ox < ow; ox++, o += 3, i += 6, j += 6) {
        out[o] = (d[i] + d[i + 3] + d[j] + d[j + 3] + 2) >> 2;
        out[o + 1] = (d[i + 1] + d[i + 4] + d[j + 1] + d[j + 4] + 2) >> 2;
        out[o + 2] = (d[i + 2] + d[i + 5] + d[j + 2] + d[j + 5] + 2) >> 2;
      }
    }
    return;
  }
  const area = f * f;
  for (let oy = 0; oy < oh; oy++) {
    let o = ((y0 / f + oy) * outW + x0 / f) * 3;
    for (let ox = 0; ox < ow; ox++, o += 3) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < f; dy++) {
        let i = (oy * f + dy) * rowBytes + ox * f * ch;
        for (let dx = 0; dx < f; dx++, i += ch) {
          const a = ch === 4 ? d[i + 3] : 255;
          r += onWhite(d[i], a);
          g += onWhite(d[i + 1], a);
          b += onWhite(d[i + 2], a);
        }
      }
      out[o] = Math.round(r / area);
      out[o + 1] = Math.round(g / area);
      out[o + 2] = Math.round(b / area);
    }
  }
}

/** Adds a tile's pixels to the sums of the f×f boxes they fall in (tiles not aligned to the boxes). */
function accumulate(t: Decoded, f: number, sums: Uint32Array, outW: number, x0: number, y0: number, w: number, h: number): void {
  const d = t.data;
  const ch = t.channels;
  const xmap = new Int32Array(w);
  for (let x = 0; x < w; x++) xmap[x] = Math.floor((x0 + x) / f) * 3;
  for (let y = 0; y < h; y++) {
    const oRow = Math.floor((y0 + y) / f) * outW * 3;
    let i = y * t.width * ch;
    for (let x = 0; x < w; x++, i += ch) {
      const o = oRow + xmap[x];
      const a = ch === 4 ? d[i + 3] : 255;
      sums[o] += onWhite(d[i], a);
      sums[o + 1] += onWhite(d[i + 1], a);
      sums[o + 2] += onWhite(d[i + 2], a);
    }
  }
}

/**
 * A whole level, box-reduced by an integer factor, read tile by tile: each stored tile is decoded straight to RGB
 * and reduced into the output, so neither the full-size level nor the slide engine's tile cache is touched (a
 * 6250 × 5000 level would otherwise be 125 MB of RGBA). Edges that do not fill a whole box are dropped, as in
 * reduceRgb; transparent pixels count as white glass.
 */
export async function readLevelReduced(src: TiledLevelSource, level: number, reduce: number, signal?: AbortSignal, concurrency = 8): Promise<RasterImage> {
  const l = src.levels[level];
  const f = Math.max(1, Math.floor(reduce));
  const outW = Math.floor(l.width / f);
  const outH = Math.floor(l.height / f);
  if (outW < 1 || outH < 1) throw new CoreError('UNSUPPORTED_FILE', `Level ${level} (${l.width}×${l.height}) is too small to read at 1/${f}.`);
  const usedW = outW * f;
  const usedH = outH * f;
  const aligned = l.tileWidth % f === 0 && l.tileHeight % f === 0;
  const out = new Uint8Array(outW * outH * 3);
  const sums = aligned ? null : new Uint32Array(outW * outH * 3);

  const cells: Array<[number, number]> = [];
  for (let r = 0; r * l.tileHeight < usedH; r++) for (let c = 0; c * l.tileWidth < usedW; c++) cells.push([c, r]);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, cells.length) }, async () => {
      while (next < cells.length) {
        if (signal?.aborted) throw new CoreError('CANCELLED', 'Cancelled.');
        const [c, r] = cells[next++];
        const t = await decodeTile(await src.readTile(level, c, r));
        const x0 = c * l.tileWidth;
        const y0 = r * l.tileHeight;
        const w = Math.min(t.width, l.tileWidth, usedW - x0);
        const h = Math.min(t.height, l.tileHeight, usedH - y0);
        if (sums) accumulate(t, f, sums, outW, x0, y0, w, h);
        else reduceAligned(t, f, out, outW, x0, y0, w - (w % f), h - (h % f));
      }
    }),
  );
  if (sums) {
    const area = f * f;
    for (let i = 0; i < out.length; i++) out[i] = Math.round(sums[i] / area);
  }
  return { width: outW, height: outH, channels: 3, data: out };
}
