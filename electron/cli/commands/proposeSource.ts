import { open as openFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { LowMagView } from '../../../shared/models/image';
import { readImageFile } from '../../core/models/imageFile';
import { readLowMagView } from '../../core/models/slideAdapter';
import { openSlideFile, sniff } from '../../core/slides/readers/openSlideFile';
import { TiffSlideReader } from '../../core/slides/readers/tiffSlideReader';

async function head(path: string): Promise<Buffer> {
  let fh;
  try {
    fh = await openFile(path, 'r');
    const buf = Buffer.alloc(16);
    const { bytesRead } = await fh.read(buf, 0, 16, 0);
    return buf.subarray(0, bytesRead);
  } catch {
    // openSlideFile / readImageFile give the clear error for a missing or unreadable file.
    return Buffer.alloc(0);
  } finally {
    await fh?.close();
  }
}

/** A flat TIFF that says nothing about its resolution is a plain image, not a slide. */
async function isPlainTiff(path: string): Promise<boolean> {
  try {
    const r = await TiffSlideReader.open(path);
    const plain = r.isFlatImage && !r.mpp && !r.objectivePower;
    await r.close();
    return plain;
  } catch {
    return false;
  }
}

/**
 * What `propose` runs on: a plain image (PNG, JPEG, WebP by content or name, or a flat TIFF without a resolution) is the
 * low-magnification view itself, `downsample` level-0 pixels per pixel; any other slide file is opened with the
 * slide reader and its level nearest the model's magnification is read. Giving `downsample` forces the image reading.
 */
export async function lowMagViewOf(path: string, magnification: number, downsample: number | undefined): Promise<{ view: LowMagView; kind: 'image' | 'slide' }> {
  const kind = sniff(await head(path));
  const imageName = ['.png', '.jpg', '.jpeg', '.webp'].includes(extname(path).toLowerCase());
  const plain = downsample !== undefined || imageName || kind === 'png' || kind === 'jpeg' || kind === 'webp' || (kind === 'tiff' && (await isPlainTiff(path)));
  if (plain) return { view: { image: await readImageFile(path), downsample: downsample ?? 1 }, kind: 'image' };
  const reader = await openSlideFile(path, { cacheDir: join(tmpdir(), 'sightline-propose-pyramids') });
  try {
    return { view: await readLowMagView(reader, magnification), kind: 'slide' };
  } finally {
    await reader.close();
  }
}
