import sharp from 'sharp';
import type { RawImage } from '../rawImage';

sharp.cache(false);

export type TileEncoding = 'jpg' | 'png';

export const JPEG_QUALITY = 90;

/** Decodes a JPEG/PNG/WebP/TIFF byte stream to RGBA. */
export async function decodeImage(bytes: Buffer): Promise<RawImage> {
  const { data, info } = await sharp(bytes, { failOn: 'error', limitInputPixels: 64 * 1024 * 1024 })
    .toColourspace('srgb')
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** The format and size an encoded image's header states (nothing decoded). */
export async function imageHeader(bytes: Buffer): Promise<{ format: string; width: number; height: number }> {
  const m = await sharp(bytes, { failOn: 'error', limitInputPixels: 64 * 1024 * 1024 }).metadata();
  return { format: m.format ?? '', width: m.width ?? 0, height: m.height ?? 0 };
}

/**
 * Decodes a JPEG byte stream to RGB (a JPEG has no alpha): a quarter less to write, copy and cache than RGBA, and
 * libvips skips adding the alpha band.
 */
export async function decodeJpegRgb(bytes: Buffer): Promise<RawImage> {
  const { data, info } = await sharp(bytes, { failOn: 'error', limitInputPixels: 64 * 1024 * 1024 })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`decodes to ${info.channels} channels, not RGB`);
  return { width: info.width, height: info.height, data, opaque: true, channels: 3 };
}

/** Encodes RGBA as JPEG (transparent areas become white) or PNG (alpha kept). */
export async function encodeImage(img: RawImage, as: TileEncoding, quality = JPEG_QUALITY): Promise<Buffer> {
  const s = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 4 } });
  if (as === 'jpg') return s.flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: false }).toBuffer();
  return s.png({ compressionLevel: 3, adaptiveFiltering: false }).toBuffer();
}

/** Resizes RGBA to exactly width × height (area-averaging when shrinking). */
export async function resizeImage(img: RawImage, width: number, height: number): Promise<RawImage> {
  if (img.width === width && img.height === height) return img;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 4 } })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}
