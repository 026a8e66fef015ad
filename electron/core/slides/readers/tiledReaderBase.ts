import type { SlideLevel } from '../../../../shared/slides/pyramid';
import { intersect, tilesCovering } from '../../../../shared/slides/pyramid';
import type { TileExt } from '../../../../shared/slides/tileUrls';
import { CoreError } from '../../errors';
import { InFlight, LruCache } from '../lruCache';
import { blankImage, blit, type RawImage } from '../rawImage';
import type { AssociatedImage, SlideReader, TileData } from './slideReader';

/** The largest region one call may read (256 MB of RGBA). */
export const MAX_REGION_PIXELS = 64 * 1024 * 1024;

export interface ReaderOptions {
  /** Decoded tiles, shared by all open slides. */
  rawCache?: LruCache<RawImage>;
  /** Where pyramids built for plain images are kept. */
  cacheDir?: string;
}

let nextReaderId = 1;

export function defaultRawCache(): LruCache<RawImage> {
  return new LruCache<RawImage>(128 * 1024 * 1024, (r) => r.data.length);
}

export function checkRegionArgs(reader: Pick<SlideReader, 'levels'>, level: number, w: number, h: number, x: number, y: number): void {
  if (!Number.isInteger(level) || level < 0 || level >= reader.levels.length) {
    throw new CoreError('INVALID_INPUT', `Level ${level} does not exist; this slide has levels 0–${reader.levels.length - 1}.`);
  }
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1) throw new CoreError('INVALID_INPUT', `A region needs a positive whole width and height (got ${w} × ${h}).`);
  if (w * h > MAX_REGION_PIXELS) throw new CoreError('INVALID_INPUT', `A region of ${w} × ${h} pixels is too large to read at once (at most ${MAX_REGION_PIXELS} pixels).`);
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new CoreError('INVALID_INPUT', 'A region needs finite x and y.');
}

/** Region reading on top of per-tile decoding, with decoded tiles cached across calls. */
export abstract class TiledReaderBase implements SlideReader {
  abstract readonly path: string;
  abstract readonly format: string;
  abstract readonly vendor: string;
  abstract readonly levels: readonly SlideLevel[];
  abstract readonly mpp: { x: number; y: number } | null;
  abstract readonly objectivePower: number | null;
  abstract readonly properties: Readonly<Record<string, string>>;
  abstract readonly associatedImages: readonly AssociatedImage[];
  abstract readonly tileFormat: TileExt;
  protected readonly rawCache: LruCache<RawImage>;
  private readonly inflight = new InFlight<RawImage>();
  protected readonly cacheKey = `r${nextReaderId++}:`;

  constructor(opts: ReaderOptions) {
    this.rawCache = opts.rawCache ?? defaultRawCache();
  }

  get width(): number {
    return this.levels[0].width;
  }
  get height(): number {
    return this.levels[0].height;
  }

  abstract readTile(level: number, col: number, row: number): Promise<TileData>;
  protected abstract decodeTile(level: number, col: number, row: number): Promise<RawImage>;
  abstract readAssociated(name: string): Promise<RawImage>;
  abstract close(): Promise<void>;

  readTileRaw(level: number, col: number, row: number): Promise<RawImage> {
    const key = `${this.cacheKey}${level}:${col}:${row}`;
    const hit = this.rawCache.get(key);
    if (hit) return Promise.resolve(hit);
    return this.inflight.run(key, async () => {
      const img = await this.decodeTile(level, col, row);
      this.rawCache.set(key, img);
      return img;
    });
  }

  async readRegion(x: number, y: number, level: number, w: number, h: number): Promise<RawImage> {
    checkRegionArgs(this, level, w, h, x, y);
    const lv = this.levels[level];
    const lx = Math.floor(x / lv.downsample);
    const ly = Math.floor(y / lv.downsample);
    const out = blankImage(w, h);
    const region = { x: lx, y: ly, w, h };
    const cover = tilesCovering(region, lv);
    if (!cover) return out;
    const jobs: Promise<void>[] = [];
    for (let r = cover.r0; r <= cover.r1; r++) {
      for (let c = cover.c0; c <= cover.c1; c++) {
        jobs.push(
          this.readTileRaw(level, c, r).then((tile) => {
            const tx = c * lv.tileWidth;
            const ty = r * lv.tileHeight;
            const visible = { x: tx, y: ty, w: Math.min(tile.width, lv.width - tx), h: Math.min(tile.height, lv.height - ty) };
            const part = intersect(region, visible);
            if (part) blit(tile, part.x - tx, part.y - ty, out, part.x - lx, part.y - ly, part.w, part.h);
          }),
        );
      }
    }
    await Promise.all(jobs);
    return out;
  }

  /** Forget this slide's decoded tiles. */
  protected dropCached(): void {
    this.rawCache.deletePrefix(this.cacheKey);
  }
}
