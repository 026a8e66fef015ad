import { inflateSync } from 'node:zlib';
import { corrupt } from '../slideErrors';
import { toRgba, yCbCrToRgbInPlace, type RawImage } from '../rawImage';
import type { TiffImage } from '../tiff/tiffImage';
import { Compression, Photometric } from '../tiff/tiffTags';
import { decodeImage, decodeJpegRgb } from './imageCodec';
import { decodeJ2k } from './jpeg2000';
import { markJpegAsRgb, spliceJpegTables } from './jpegTables';
import { decodeLzw } from './lzw';
import { decodePackBits } from './packBits';

/** A JPEG tile or strip as a complete stream a browser can show (tables spliced, RGB marked). */
export function completeJpeg(img: TiffImage, bytes: Buffer): Buffer {
  const full = spliceJpegTables(img.jpegTables, bytes);
  return img.photometric === Photometric.Rgb ? markJpegAsRgb(full) : full;
}

function undoHorizontalPredictor(data: Buffer, width: number, rows: number, spp: number): void {
  const stride = width * spp;
  for (let y = 0; y < rows; y++) {
    const row = y * stride;
    for (let i = spp; i < stride; i++) data[row + i] = (data[row + i] + data[row + i - spp]) & 0xff;
  }
}

/** Decodes one tile or strip (rows = its pixel rows) to RGBA of tileWidth × rows (JPEG to RGB when `channels` is 3). */
export async function decodeTiffChunk(path: string, img: TiffImage, bytes: Buffer, rows: number, channels: 3 | 4 = 4): Promise<RawImage> {
  const width = img.tileWidth;
  const spp = img.samplesPerPixel;
  const expected = width * rows * spp;
  const grey = img.photometric === Photometric.WhiteIsZero;
  try {
    switch (img.compression) {
      case Compression.Jpeg:
        if (channels === 3) return await decodeJpegRgb(completeJpeg(img, bytes));
        return { ...(await decodeImage(completeJpeg(img, bytes))), opaque: true };
      case Compression.AperioJp2kYcbcr:
      case Compression.AperioJp2kRgb:
      case Compression.Jpeg2000: {
        const d = await decodeJ2k(bytes);
        if (d.components === 3 && img.compression === Compression.AperioJp2kYcbcr) yCbCrToRgbInPlace(d.data);
        return toRgba(d.data, d.width, d.height, d.components);
      }
      default: {
        let data: Buffer;
        if (img.compression === Compression.None) {
          if (bytes.length < expected) throw new Error(`holds ${bytes.length} bytes, needs ${expected}`);
          data = Buffer.from(bytes.subarray(0, expected));
        } else if (img.compression === Compression.Lzw) data = decodeLzw(bytes, expected);
        else if (img.compression === Compression.PackBits) data = decodePackBits(bytes, expected);
        else data = inflateSync(bytes, { maxOutputLength: Math.max(expected, 1) });
        if (data.length < expected) throw new Error(`decodes to ${data.length} bytes, needs ${expected}`);
        if (img.predictor === 2) undoHorizontalPredictor(data, width, rows, spp);
        return toRgba(data, width, rows, spp, grey);
      }
    }
  } catch (e) {
    throw corrupt(path, `a ${img.tiled ? 'tile' : 'strip'} cannot be decoded (${(e as Error).message})`);
  }
}
