import { basename } from 'node:path';
import type { SlideLevel } from '../../../../shared/slides/pyramid';
import type { TileExt } from '../../../../shared/slides/tileUrls';
import { CoreError } from '../../errors';
import type { RawImage } from '../rawImage';
import { corrupt, unsupported } from '../slideErrors';
import type { AssociatedImage, SlideReader, TileData } from '../readers/slideReader';
import { checkRegionArgs } from '../readers/tiledReaderBase';
import { positiveNumber } from '../readers/aperioDescription';
import { loadOpenSlide, openSlideUnavailable, type OpenSlideLib } from './openslideLib';

/** OpenSlide writes premultiplied ARGB words; Sightline works in straight RGBA bytes. */
export function argbToRgba(buf: Buffer): void {
  for (let i = 0; i < buf.length; i += 4) {
    // little-endian uint32 0xAARRGGBB is stored as B, G, R, A
    const b = buf[i];
    const g = buf[i + 1];
    const r = buf[i + 2];
    const a = buf[i + 3];
    if (a === 255 || a === 0) {
      buf[i] = r;
      buf[i + 2] = b;
    } else {
      buf[i] = Math.min(255, Math.round((r * 255) / a));
      buf[i + 1] = Math.min(255, Math.round((g * 255) / a));
      buf[i + 2] = Math.min(255, Math.round((b * 255) / a));
    }
  }
}

/** Any format the system's libopenslide reads (NDPI, MRXS, SCN, VMS, BIF, …). */
export class OpenSlideReader implements SlideReader {
  readonly format = 'openslide';
  readonly tileFormat: TileExt = 'jpg';
  private closed = false;
  private readonly pending = new Set<Promise<void>>();

  private constructor(
    readonly path: string,
    private readonly lib: OpenSlideLib,
    private osr: unknown,
    readonly vendor: string,
    readonly levels: readonly SlideLevel[],
    readonly properties: Readonly<Record<string, string>>,
    readonly associatedImages: readonly AssociatedImage[],
  ) {}

  get width(): number {
    return this.levels[0].width;
  }
  get height(): number {
    return this.levels[0].height;
  }
  get mpp(): { x: number; y: number } | null {
    const x = positiveNumber(this.properties['openslide.mpp-x']);
    const y = positiveNumber(this.properties['openslide.mpp-y']);
    return x ? { x, y: y ?? x } : null;
  }
  get objectivePower(): number | null {
    return positiveNumber(this.properties['openslide.objective-power']);
  }

  static open(path: string, lib: OpenSlideLib | null = loadOpenSlide()): OpenSlideReader {
    if (!lib) throw openSlideUnavailable(basename(path));
    const vendor = lib.detectVendor(path);
    if (!vendor) throw unsupported(path, 'neither Sightline nor OpenSlide recognises its format');
    const osr = lib.open(path);
    if (!osr) throw unsupported(path, 'OpenSlide cannot open it');
    const err = lib.getError(osr);
    if (err) {
      lib.close(osr);
      throw corrupt(path, `OpenSlide reports: ${err}`);
    }
    const props: Record<string, string> = {};
    for (const n of lib.propertyNames(osr)) props[n] = lib.propertyValue(osr, n) ?? '';
    const count = lib.levelCount(osr);
    const levels: SlideLevel[] = [];
    for (let l = 0; l < count; l++) {
      const { width, height } = lib.levelDimensions(osr, l);
      const tw = Number(props[`openslide.level[${l}].tile-width`]) || 256;
      const th = Number(props[`openslide.level[${l}].tile-height`]) || 256;
      levels.push({ width, height, downsample: lib.levelDownsample(osr, l), tileWidth: tw, tileHeight: th });
    }
    if (levels.length === 0 || levels[0].width < 1) {
      lib.close(osr);
      throw corrupt(path, 'OpenSlide finds no image in it');
    }
    const assoc = lib.associatedNames(osr).map((name) => ({ name, ...lib.associatedDimensions(osr, name) }));
    return new OpenSlideReader(path, lib, osr, vendor, levels, props, assoc);
  }

  private check(): void {
    if (this.closed) throw new CoreError('UNAVAILABLE', `${this.path} was closed.`);
    const err = this.lib.getError(this.osr);
    if (err) throw corrupt(this.path, `OpenSlide reports: ${err}`);
  }

  async readRegion(x: number, y: number, level: number, w: number, h: number): Promise<RawImage> {
    checkRegionArgs(this, level, w, h, x, y);
    this.check();
    const data = Buffer.alloc(w * h * 4);
    const read = this.lib.readRegion(this.osr, data, Math.floor(x), Math.floor(y), level, w, h);
    this.pending.add(read);
    try {
      await read;
    } finally {
      this.pending.delete(read);
    }
    this.check();
    argbToRgba(data);
    return { width: w, height: h, data };
  }

  readTileRaw(level: number, col: number, row: number): Promise<RawImage> {
    const lv = this.levels[level];
    if (!lv) throw new CoreError('INVALID_INPUT', `Level ${level} does not exist.`);
    return this.readRegion(Math.round(col * lv.tileWidth * lv.downsample), Math.round(row * lv.tileHeight * lv.downsample), level, lv.tileWidth, lv.tileHeight);
  }

  async readTile(level: number, col: number, row: number): Promise<TileData> {
    return { kind: 'raw', image: await this.readTileRaw(level, col, row) };
  }

  async readAssociated(name: string): Promise<RawImage> {
    const a = this.associatedImages.find((x) => x.name === name);
    if (!a) throw new CoreError('NOT_FOUND', `This slide has no associated image "${name}".`);
    this.check();
    const data = Buffer.alloc(a.width * a.height * 4);
    this.lib.readAssociated(this.osr, name, data);
    this.check();
    argbToRgba(data);
    return { width: a.width, height: a.height, data };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A read still running on a worker thread must finish before the handle is freed.
    await Promise.allSettled([...this.pending]);
    this.lib.close(this.osr);
  }
}
