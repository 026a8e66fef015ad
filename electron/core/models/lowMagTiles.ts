import sharp from 'sharp';
import type { RasterImage } from '../../../shared/models/image';
import { CoreError } from '../errors';

/** A tile as a slide reader stores it: encoded bytes (JPEG, PNG…) or decoded RGBA. */
export type StoredTile = { kind: 'encoded'; data: Buffer } | { kind: 'raw'; image: { width: number; height: number; data: Uint8Array } };

export interface TiledLevelSource {
  readonly levels: ReadonlyArray<{ readonly width: number; readonly height: number; readonly tileWidth: number; readonly tileHeight: number }>;
  readTile(level: number, col: number, row: number): Promise<StoredTile>;
}

/** Decoded tile pixels as RGB, or RGBA (composited onto white while reducing). */
async function decodeTile(t: StoredTile): Promise<{ width: number; height: number; channels: 3 | 4; data: Uint8Array }> {
  if (t.kind === 'raw') return { width: t.image.width, height: t.image.height, channels: 4, data: t.image.data };
  const { data, info } = await sharp(t.data, { failOn: 'error', limitInputPixels: 64 * 1024 * 1024 }).toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data };
}

/**
 * A whole level, box-reduced by an integer factor, read tile by tile: each stored tile is decoded straight to RGB
 * and summed into the reduced image, so neither the full-size level nor the slide engine's tile cache is touched
 * (a 6250 × 5000 level would otherwise be 125 MB of RGBA). Edges that do not fill a whole box are dropped, as in
 * reduceRgb; transparent pixels count as white glass.
 */
export async function readLevelReduced(src: TiledLevelSource, level: number, reduce: number, signal?: AbortSignal, concurrency = 8): Promise<RasterImage> {
  const l = src.levels[level];
  const f = Math.max(1, Math.floor(reduce));
  const outW = Math.floor(l.width / f);
  const outH = Math.floor(l.height / f);
  if (outW < 1 || outH < 1) throw new CoreError('UNSUPPORTED_FILE', `Level ${level} (${l.width}×${l.height}) is too small to read at 1/${f}.`);
  const sums = new Uint32Array(outW * outH * 3);
  const cols = Math.ceil(l.width / l.tileWidth);
  const rows = Math.ceil(l.height / l.tileHeight);
  const usedW = outW * f;
  const usedH = outH * f;

  const add = (c: number, r: number, t: { width: number; height: number; channels: 3 | 4; data: Uint8Array }) => {
    const x0 = c * l.tileWidth;
    const y0 = r * l.tileHeight;
    const w = Math.min(t.width, l.tileWidth, usedW - x0);
    const h = Math.min(t.height, l.tileHeight, usedH - y0);
    const ch = t.channels;
    const d = t.data;
    const xmap = new Int32Array(Math.max(0, w));
    for (let x = 0; x < w; x++) xmap[x] = Math.floor((x0 + x) / f) * 3;
    for (let y = 0; y < h; y++) {
      const oRow = Math.floor((y0 + y) / f) * outW * 3;
      let i = y * t.width * ch;
      if (ch === 3) {
        for (let x = 0; x < w; x++, i += 3) {
          const o = oRow + xmap[x];
          sums[o] += d[i];
          sums[o + 1] += d[i + 1];
          sums[o + 2] += d[i + 2];
        }
        continue;
      }
      for (let x = 0; x < w; x++, i += 4) {
        const o = oRow + xmap[x];
        if (d[i + 3] === 255) {
          sums[o] += d[i];
          sums[o + 1] += d[i + 1];
          sums[o + 2] += d[i + 2];
        } else {
          const a = d[i + 3];
          const white = 255 * (255 - a);
          sums[o] += Math.round((d[i] * a + white) / 255);
          sums[o + 1] += Math.round((d[i + 1] * a + white) / 255);
          sums[o + 2] += Math.round((d[i + 2] * a + white) / 255);
        }
      }
    }
  };

  const cells: Array<[number, number]> = [];
  for (let r = 0; r < rows && r * l.tileHeight < usedH; r++) for (let c = 0; c < cols && c * l.tileWidth < usedW; c++) cells.push([c, r]);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, cells.length) }, async () => {
      while (next < cells.length) {
        if (signal?.aborted) throw new CoreError('CANCELLED', 'Cancelled.');
        const [c, r] = cells[next++];
        add(c, r, await decodeTile(await src.readTile(level, c, r)));
      }
    }),
  );
  const out = new Uint8Array(outW * outH * 3);
  const area = f * f;
  for (let i = 0; i < out.length; i++) out[i] = Math.round(sums[i] / area);
  return { width: outW, height: outH, channels: 3, data: out };
}
