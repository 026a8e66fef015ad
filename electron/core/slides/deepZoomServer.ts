import { createHash } from 'node:crypto';
import {
  bestLevelForDownsample,
  deepZoomLevels,
  deepZoomTileRect,
  matchingLevel,
  type DeepZoomLevel,
} from '../../../shared/slides/pyramid';
import type { TileExt } from '../../../shared/slides/tileUrls';
import { CoreError } from '../errors';
import { encodeImage, resizeImage } from './codecs/imageCodec';
import { InFlight, type LruCache } from './lruCache';
import { blankImage, blit, type RawImage } from './rawImage';
import type { SlideReader } from './readers/slideReader';

/** Synthesised levels read at most this factor finer a file level directly; coarser ones are built from the level above. */
const MAX_DIRECT_FACTOR = 4;
const THUMBNAIL_MAX = 512;

export interface DeepZoomCaches {
  /** Encoded tiles, ready to send. */
  tiles: LruCache<Buffer>;
  /** Decoded synthesised tiles (inputs to coarser levels). */
  raw: LruCache<RawImage>;
}

export interface TileResult {
  body: Buffer;
  /** True when the bytes are the file's own tile (no decode, no re-encode). */
  passThrough: boolean;
}

function pickTileSize(reader: SlideReader): number {
  const l0 = reader.levels[0];
  return l0.tileWidth === l0.tileHeight && l0.tileWidth >= 128 && l0.tileWidth <= 1024 ? l0.tileWidth : 256;
}

let nextServerId = 1;

/**
 * The viewer's Deep Zoom pyramid over a slide: tiles the file already has at a Deep Zoom
 * resolution are sent as stored (JPEG) or decoded once; the other levels are synthesised.
 */
export class DeepZoomServer {
  readonly tileSize: number;
  readonly overlap: number;
  readonly format: TileExt;
  readonly levels: DeepZoomLevel[];
  private readonly key = `dz${nextServerId++}:`;
  private readonly inflightRaw = new InFlight<RawImage>();
  private readonly inflightTile = new InFlight<TileResult>();

  constructor(
    readonly reader: SlideReader,
    private readonly caches: DeepZoomCaches,
  ) {
    const native = reader.nativeDeepZoom;
    this.tileSize = native?.tileSize ?? pickTileSize(reader);
    this.overlap = native?.overlap ?? 0;
    this.format = native?.format ?? reader.tileFormat;
    this.levels = deepZoomLevels(reader.width, reader.height, this.tileSize);
  }

  dziXml(): string {
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n<Image xmlns="http://schemas.microsoft.com/deepzoom/2008" Format="${this.format}" ` +
      `Overlap="${this.overlap}" TileSize="${this.tileSize}"><Size Width="${this.reader.width}" Height="${this.reader.height}"/></Image>\n`
    );
  }

  private checkTile(level: number, col: number, row: number): DeepZoomLevel {
    const dz = this.levels[level];
    if (!dz) throw new CoreError('NOT_FOUND', `Deep Zoom level ${level} does not exist (0–${this.levels.length - 1}).`);
    if (col < 0 || row < 0 || col >= dz.cols || row >= dz.rows) throw new CoreError('NOT_FOUND', `Tile ${col}_${row} is outside level ${level} (${dz.cols} × ${dz.rows} tiles).`);
    return dz;
  }

  /** One viewer tile, encoded as `ext`. */
  async tile(level: number, col: number, row: number, ext: TileExt): Promise<TileResult> {
    const dz = this.checkTile(level, col, row);
    const key = `${this.key}${level}/${col}_${row}.${ext}`;
    const hit = this.caches.tiles.get(key);
    if (hit) return { body: hit, passThrough: false };
    return this.inflightTile.run(key, async () => {
      const result = await this.makeTile(dz, level, col, row, ext);
      this.caches.tiles.set(key, result.body);
      return result;
    });
  }

  private async makeTile(dz: DeepZoomLevel, level: number, col: number, row: number, ext: TileExt): Promise<TileResult> {
    const native = this.reader.nativeDeepZoom;
    if (native && native.format === ext) {
      const bytes = await native.tile(level, col, row);
      if (bytes) return { body: bytes, passThrough: true };
    }
    const match = matchingLevel(this.reader.levels, dz);
    if (match >= 0 && ext === 'jpg' && this.overlap === 0) {
      const lv = this.reader.levels[match];
      const inside = (col + 1) * this.tileSize <= Math.min(dz.width, lv.width) && (row + 1) * this.tileSize <= Math.min(dz.height, lv.height);
      if (inside && lv.tileWidth === this.tileSize && lv.tileHeight === this.tileSize) {
        const t = await this.reader.readTile(match, col, row);
        if (t.kind === 'encoded') {
          if (t.format === 'jpg') return { body: t.data, passThrough: true };
        } else return { body: await encodeImage(t.image, 'jpg'), passThrough: false };
      }
    }
    return { body: await encodeImage(await this.rawTile(level, col, row), ext), passThrough: false };
  }

  /** Decoded pixels of a viewer tile (exactly its Deep Zoom rectangle). */
  rawTile(level: number, col: number, row: number): Promise<RawImage> {
    const dz = this.checkTile(level, col, row);
    const key = `${this.key}raw:${level}/${col}_${row}`;
    const hit = this.caches.raw.get(key);
    if (hit) return Promise.resolve(hit);
    return this.inflightRaw.run(key, async () => {
      const img = await this.renderRaw(dz, level, col, row);
      this.caches.raw.set(key, img);
      return img;
    });
  }

  private async renderRaw(dz: DeepZoomLevel, level: number, col: number, row: number): Promise<RawImage> {
    const rect = deepZoomTileRect(dz, col, row, this.tileSize, this.overlap);
    const ds = dz.downsample;
    const levels = this.reader.levels;
    const match = matchingLevel(levels, dz);
    if (match >= 0) return this.reader.readRegion(rect.x * ds, rect.y * ds, match, rect.w, rect.h);
    const best = bestLevelForDownsample(levels, ds);
    const factor = ds / levels[best].downsample;
    const finer = this.levels[level + 1];
    if (factor <= MAX_DIRECT_FACTOR || !finer || this.overlap > 0) {
      const w = Math.max(1, Math.min(Math.ceil(rect.w * factor), levels[best].width));
      const h = Math.max(1, Math.min(Math.ceil(rect.h * factor), levels[best].height));
      return resizeImage(await this.reader.readRegion(rect.x * ds, rect.y * ds, best, w, h), rect.w, rect.h);
    }
    // Far below the file's last level: halve the four tiles of the finer Deep Zoom level.
    const x0 = col * 2 * this.tileSize;
    const y0 = row * 2 * this.tileSize;
    const w = Math.min(finer.width, x0 + 2 * this.tileSize) - x0;
    const h = Math.min(finer.height, y0 + 2 * this.tileSize) - y0;
    const canvas = blankImage(w, h);
    const parts: Promise<void>[] = [];
    for (let dy = 0; dy < 2; dy++) {
      for (let dx = 0; dx < 2; dx++) {
        const c = col * 2 + dx;
        const r = row * 2 + dy;
        if (c >= finer.cols || r >= finer.rows) continue;
        parts.push(this.rawTile(level + 1, c, r).then((t) => blit(t, 0, 0, canvas, dx * this.tileSize, dy * this.tileSize, t.width, t.height)));
      }
    }
    await Promise.all(parts);
    return resizeImage(canvas, rect.w, rect.h);
  }

  /** The slide's own thumbnail if it has one, else one rendered from the pyramid (≤ 512 px). */
  async thumbnail(): Promise<Buffer> {
    const key = `${this.key}thumbnail`;
    const hit = this.caches.tiles.get(key);
    if (hit) return hit;
    let img: RawImage;
    if (this.reader.associatedImages.some((a) => a.name === 'thumbnail')) img = await this.reader.readAssociated('thumbnail');
    else {
      let level = this.levels.length - 1;
      while (level > 0 && Math.max(this.levels[level].width, this.levels[level].height) > THUMBNAIL_MAX) level--;
      const dz = this.levels[level];
      img = blankImage(dz.width, dz.height);
      for (let r = 0; r < dz.rows; r++) {
        for (let c = 0; c < dz.cols; c++) {
          const t = await this.rawTile(level, c, r);
          blit(t, c > 0 ? this.overlap : 0, r > 0 ? this.overlap : 0, img, c * this.tileSize, r * this.tileSize, Math.min(this.tileSize, dz.width - c * this.tileSize), Math.min(this.tileSize, dz.height - r * this.tileSize));
        }
      }
    }
    const body = await encodeImage(img, 'jpg');
    this.caches.tiles.set(key, body);
    return body;
  }

  async associated(name: string): Promise<Buffer> {
    const key = `${this.key}assoc:${name}`;
    const hit = this.caches.tiles.get(key);
    if (hit) return hit;
    const body = await encodeImage(await this.reader.readAssociated(name), 'jpg');
    this.caches.tiles.set(key, body);
    return body;
  }

  dropCached(): void {
    this.caches.tiles.deletePrefix(this.key);
    this.caches.raw.deletePrefix(this.key);
  }
}

/** A short strong validator for a resource of a slide. */
export function etagOf(...parts: Array<string | number>): string {
  return `"${createHash('sha1').update(parts.join('\0')).digest('base64url').slice(0, 22)}"`;
}
