import { statSync } from 'node:fs';
import sharp from 'sharp';
import type { RasterImage } from '../../../shared/models/image';
import { CoreError } from '../errors';

/** Decodes a PNG/JPEG/TIFF/WebP image file to RGB pixels, with clear errors for missing or broken files. */
export async function readImageFile(path: string, signal?: AbortSignal): Promise<RasterImage> {
  try {
    if (statSync(path).isDirectory()) throw new CoreError('UNSUPPORTED_FILE', `${path} is a folder, not an image.`);
  } catch (e) {
    if (e instanceof CoreError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CoreError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', code === 'ENOENT' ? `There is no file at ${path}.` : `Cannot read ${path} (${code}).`);
  }
  try {
    const { data, info } = await sharp(path, { limitInputPixels: 1 << 30 }).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    if (signal?.aborted) throw new CoreError('CANCELLED', 'Cancelled.');
    return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (e) {
    if (e instanceof CoreError) throw e;
    throw new CoreError('CORRUPT_FILE', `${path} is not an image Sightline can decode (${(e as Error).message}).`);
  }
}
