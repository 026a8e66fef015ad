import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import type { SlideLevel } from '../../../../shared/slides/pyramid';
import type { TileExt } from '../../../../shared/slides/tileUrls';
import { fileOpenError } from '../source/fileSource';
import type { RawImage } from '../rawImage';
import { corrupt, unsupported } from '../slideErrors';
import type { AssociatedImage, SlideReader, TileData } from './slideReader';
import { TiffSlideReader } from './tiffSlideReader';
import type { ReaderOptions } from './tiledReaderBase';

/** Plain images larger than this many pixels are refused (a 1-gigapixel PNG is not a photo but a slide in the wrong format). */
const MAX_PLAIN_IMAGE_PIXELS = 1_000_000_000;

export function defaultPyramidCacheDir(): string {
  return join(tmpdir(), 'sightline-pyramids');
}

/** Builds (once, cached by path, size and modification time) a tiled pyramidal TIFF of a plain image with sharp. */
export async function buildPyramid(path: string, cacheDir: string, lossy: boolean): Promise<string> {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw fileOpenError(path, e);
  }
  const key = createHash('sha256').update(`${path}\0${st.size}\0${st.mtimeMs}\0v1`).digest('hex').slice(0, 32);
  const target = join(cacheDir, `${key}.tif`);
  try {
    statSync(target);
    return target;
  } catch {
    // not built yet
  }
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${target}.${process.pid}.${Date.now()}.partial`;
  try {
    await sharp(path, { limitInputPixels: MAX_PLAIN_IMAGE_PIXELS, failOn: 'error' })
      .toColourspace('srgb')
      .tiff({ tile: true, tileWidth: 256, tileHeight: 256, pyramid: true, compression: lossy ? 'jpeg' : 'deflate', quality: 90, predictor: lossy ? undefined : 'horizontal' })
      .toFile(partial);
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    const msg = (e as Error).message;
    if (/pixel limit/i.test(msg)) throw unsupported(path, `the image is larger than ${MAX_PLAIN_IMAGE_PIXELS.toLocaleString('en')} pixels`);
    throw corrupt(path, `the image cannot be decoded (${msg.split('\n')[0]})`);
  }
  return target;
}

/** A plain PNG/JPEG/WebP/TIFF image, served from a pyramid built on first open. */
export class BuiltPyramidReader implements SlideReader {
  readonly vendor = 'image';
  readonly mpp = null;
  readonly objectivePower = null;
  readonly associatedImages: readonly AssociatedImage[] = [];

  private constructor(
    readonly path: string,
    readonly format: string,
    private readonly inner: TiffSlideReader,
  ) {}

  static async open(path: string, format: string, opts: ReaderOptions = {}): Promise<BuiltPyramidReader> {
    const lossy = format === 'jpeg';
    const built = await buildPyramid(path, opts.cacheDir ?? defaultPyramidCacheDir(), lossy);
    return new BuiltPyramidReader(path, format, await TiffSlideReader.open(built, opts));
  }

  get width(): number {
    return this.inner.width;
  }
  get height(): number {
    return this.inner.height;
  }
  get levels(): readonly SlideLevel[] {
    return this.inner.levels;
  }
  get tileFormat(): TileExt {
    return this.inner.tileFormat;
  }
  get properties(): Readonly<Record<string, string>> {
    return { 'image.Source': basename(this.path), 'image.Format': this.format };
  }
  readTile(level: number, col: number, row: number): Promise<TileData> {
    return this.inner.readTile(level, col, row);
  }
  readTileRaw(level: number, col: number, row: number): Promise<RawImage> {
    return this.inner.readTileRaw(level, col, row);
  }
  readRegion(x: number, y: number, level: number, w: number, h: number): Promise<RawImage> {
    return this.inner.readRegion(x, y, level, w, h);
  }
  readAssociated(name: string): Promise<RawImage> {
    return this.inner.readAssociated(name);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
