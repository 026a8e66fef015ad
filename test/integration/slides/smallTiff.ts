import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { splitJpeg } from '../../fixtures/slides/jpegParts';
import { encodeLzw } from '../../fixtures/slides/lzwEncode';
import { writeTiff, type IfdSpec, type RawTag } from '../../fixtures/slides/tiffWriter';

/** 512×512 gradient RGB. */
export function gradient(w: number, h: number): Buffer {
  const rgb = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      rgb[i] = x & 255;
      rgb[i + 1] = y & 255;
      rgb[i + 2] = (x + y) & 255;
    }
  }
  return rgb;
}

function tiles(rgb: Buffer, w: number, h: number, t: number): Buffer[] {
  const out: Buffer[] = [];
  for (let ty = 0; ty < h; ty += t) {
    for (let tx = 0; tx < w; tx += t) {
      const b = Buffer.alloc(t * t * 3, 255);
      for (let y = 0; y < t && ty + y < h; y++) rgb.copy(b, y * t * 3, ((ty + y) * w + tx) * 3, ((ty + y) * w + Math.min(w, tx + t)) * 3);
      out.push(b);
    }
  }
  return out;
}

/**
 * A small valid slide-like TIFF: a 512×512 deflate level, a 256×256 JPEG level with shared
 * JPEGTables, and an LZW-stripped label. `patch` can override tags to make it invalid.
 */
export async function writeSmallTiff(path: string, opts: { bigTiff?: boolean; level0Tags?: RawTag[]; compression?: number } = {}): Promise<void> {
  const rgb = gradient(512, 512);
  const level0: IfdSpec = {
    width: 512,
    height: 512,
    tile: { width: 256, height: 256 },
    chunks: tiles(rgb, 512, 512, 256).map((b) => deflateSync(b)),
    compression: opts.compression ?? 8,
    photometric: 2,
    samplesPerPixel: 3,
    description: 'small test slide',
    extraTags: opts.level0Tags,
  };
  const half = await sharp(rgb, { raw: { width: 512, height: 512, channels: 3 } }).resize(256, 256).raw().toBuffer();
  const jpeg = splitJpeg(await sharp(half, { raw: { width: 256, height: 256, channels: 3 } }).jpeg({ quality: 85, mozjpeg: false, optimiseCoding: false }).toBuffer());
  const level1: IfdSpec = { width: 256, height: 256, tile: { width: 256, height: 256 }, chunks: [jpeg.abbreviated], jpegTables: jpeg.tables, compression: 7, photometric: 6, samplesPerPixel: 3, newSubfileType: 1 };
  const label = gradient(64, 48);
  const labelIfd: IfdSpec = { width: 64, height: 48, rowsPerStrip: 16, chunks: [0, 1, 2].map((i) => encodeLzw(label.subarray(i * 16 * 64 * 3, (i + 1) * 16 * 64 * 3))), compression: 5, photometric: 2, samplesPerPixel: 3, description: 'label 64x48', newSubfileType: 1 };
  writeTiff(path, [level0, level1, labelIfd], { bigTiff: opts.bigTiff ?? false });
}
