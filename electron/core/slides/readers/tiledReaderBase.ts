import type { SlideLevel } from '../../../../shared/slides/pyramid';
import { intersect, tilesCovering } from '../../../../shared/slides/pyramid';
import type { TileExt } from '../../../../shared/slides/tileUrls';
import { CoreError } from '../../errors';
import { LruCache } from '../lruCache';
import { asRgba, blit, channelsOf, clearRect, opaqueRgb, type RawImage } from '../rawImage';
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
  /** Decodes under way, by cache key: concurrent requests for a tile share one. */
  private readonly pending = new Map<string, Promise<RawImage>>();
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
  /**
   * Decodes a tile; `channels` is the form the read that needs it wants, which a reader may decode straight into
   * (JPEG tiles as RGB) or ignore (RGBA).
   */
  protected abstract decodeTile(level: number, col: number, row: number, channels?: 3 | 4): Promise<RawImage>;
  abstract readAssociated(name: string): Promise<RawImage>;
  abstract close(): Promise<void>;

  /**
   * How many rows of tiles are decoded together: tiles are decoded in aligned runs of this many rows of one column
   * (rows k·n … k·n + n − 1), always the same runs whatever is cached, so a tile's pixels never depend on what was
   * read before. 1 decodes tile by tile.
   */
  protected tileGroupRows(_level: number): number {
    return 1;
  }

  /** Decodes `count` tiles of column `col` from `row` down; tile by tile unless a reader can do better. */
  protected decodeTileGroup(level: number, col: number, row: number, count: number, channels: 3 | 4 = 4): Promise<RawImage[]> {
    return Promise.all(Array.from({ length: count }, (_, k) => this.decodeTile(level, col, row + k, channels)));
  }

  async readTileRaw(level: number, col: number, row: number): Promise<RawImage> {
    return this.inForm(level, col, row, await this.cachedTile(level, col, row), 4);
  }

  /**
   * The tile in RGB or RGBA as asked, converted when it is opaque and in the other form (it was decoded for a read
   * that wanted the other). The converted tile takes the original's place in the cache, so a tile read both ways
   * is converted once per change of use, not once per read.
   */
  private inForm(level: number, col: number, row: number, tile: RawImage, channels: 3 | 4): RawImage {
    if (channelsOf(tile) === channels || !tile.opaque) return tile;
    const key = this.tileKey(level, col, row);
    const now = this.rawCache.peek(key);
    if (now && channelsOf(now) === channels) return now;
    const converted = channels === 4 ? asRgba(tile) : opaqueRgb(tile);
    if (now === tile) this.rawCache.set(key, converted);
    return converted;
  }

  /** The decoded tile as cached: RGBA, or RGB when a reader decodes it so for a read that wants RGB. */
  protected cachedTile(level: number, col: number, row: number, channels: 3 | 4 = 4): Promise<RawImage> {
    const key = this.tileKey(level, col, row);
    const hit = this.rawCache.get(key);
    if (hit) return Promise.resolve(hit);
    const pending = this.pending.get(key);
    if (pending) return pending;
    const lv = this.levels[level];
    const group = lv ? this.tileGroupRows(level) : 1;
    const rows = lv ? Math.ceil(lv.height / lv.tileHeight) : 0;
    if (group <= 1 || !Number.isInteger(row) || row < 0 || row >= rows) {
      return this.track(key, this.decodeTile(level, col, row, channels));
    }
    const first = row - (row % group);
    const count = Math.min(group, rows - first);
    const decoded = this.decodeTileGroup(level, col, first, count, channels);
    for (let k = 0; k < count; k++) {
      const kKey = this.tileKey(level, col, first + k);
      if (kKey !== key && (this.rawCache.has(kKey) || this.pending.has(kKey))) continue;
      // Nobody may wait for the other tiles of the run: their failures are reported through the requested one.
      this.track(kKey, decoded.then((tiles) => tiles[k])).catch(() => undefined);
    }
    return this.pending.get(key)!;
  }

  private tileKey(level: number, col: number, row: number): string {
    return `${this.cacheKey}${level}:${col}:${row}`;
  }

  /** Caches the tile when decoded; concurrent requests for it get the same promise meanwhile. */
  private track(key: string, decoding: Promise<RawImage>): Promise<RawImage> {
    const p = decoding.then(
      (img) => {
        if (this.pending.get(key) === p) this.pending.delete(key);
        this.rawCache.set(key, img);
        return img;
      },
      (e: unknown) => {
        if (this.pending.get(key) === p) this.pending.delete(key);
        throw e;
      },
    );
    this.pending.set(key, p);
    return p;
  }

  readRegion(x: number, y: number, level: number, w: number, h: number): Promise<RawImage> {
    return this.readRegionInto(x, y, level, w, h, null);
  }

  /**
   * readRegion, into `buffer` when given (at least w × h × channels bytes; its first w × h × channels are
   * overwritten): a caller reading many regions can reuse one buffer instead of making the garbage collector free
   * each. With `channels` 3 the region is RGB on white (outside the slide white, partly transparent pixels
   * composited over white), which is what a JPEG of it needs, and JPEG tiles are copied without conversion.
   */
  async readRegionInto(x: number, y: number, level: number, w: number, h: number, buffer: Buffer | null, channels: 3 | 4 = 4): Promise<RawImage> {
    checkRegionArgs(this, level, w, h, x, y);
    const lv = this.levels[level];
    const lx = Math.floor(x / lv.downsample);
    const ly = Math.floor(y / lv.downsample);
    const region = { x: lx, y: ly, w, h };
    const inside = lx >= 0 && ly >= 0 && lx + w <= lv.width && ly + h <= lv.height;
    const bytes = w * h * channels;
    if (buffer && buffer.length < bytes) throw new CoreError('INVALID_INPUT', `A ${w} × ${h} region needs ${bytes} bytes; the buffer holds ${buffer.length}.`);
    // Inside the level every pixel comes from a tile, so the buffer need not be cleared first.
    const data = buffer ? buffer.subarray(0, bytes) : Buffer.allocUnsafeSlow(bytes);
    if (!inside) data.fill(channels === 3 ? 255 : 0);
    const out: RawImage = channels === 3 ? { width: w, height: h, data, channels, opaque: true } : { width: w, height: h, data };
    const cover = tilesCovering(region, lv);
    if (!cover) return out;
    let opaque = inside;
    const jobs: Promise<void>[] = [];
    for (let r = cover.r0; r <= cover.r1; r++) {
      for (let c = cover.c0; c <= cover.c1; c++) {
        jobs.push(
          this.cachedTile(level, c, r, channels).then((cached) => {
            const tile = this.inForm(level, c, r, cached, channels);
            const tx = c * lv.tileWidth;
            const ty = r * lv.tileHeight;
            const cellW = Math.min(lv.tileWidth, lv.width - tx);
            const cellH = Math.min(lv.tileHeight, lv.height - ty);
            const visible = { x: tx, y: ty, w: Math.min(tile.width, lv.width - tx), h: Math.min(tile.height, lv.height - ty) };
            if (!tile.opaque) opaque = false;
            if (inside && (visible.w < cellW || visible.h < cellH)) {
              opaque = false;
              const cell = intersect(region, { x: tx, y: ty, w: cellW, h: cellH });
              if (cell) clearRect(out, cell.x - lx, cell.y - ly, cell.w, cell.h);
            }
            const part = intersect(region, visible);
            if (part) blit(tile, part.x - tx, part.y - ty, out, part.x - lx, part.y - ly, part.w, part.h);
          }),
        );
      }
    }
    // Every tile settles before returning or throwing, so none is still writing into a buffer its caller reuses.
    const failed = (await Promise.allSettled(jobs)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return channels === 4 && opaque ? { ...out, opaque } : out;
  }

  /** Forget this slide's decoded tiles. */
  protected dropCached(): void {
    this.rawCache.deletePrefix(this.cacheKey);
  }
}
