import { statSync } from 'node:fs';
import type { Database, Statement } from 'better-sqlite3';
import { notFound } from '../errors';
import { DeepZoomServer, etagOf } from './deepZoomServer';
import { InFlight, LruCache } from './lruCache';
import type { RawImage } from './rawImage';
import { openSlideFile } from './readers/openSlideFile';
import type { SlideReader } from './readers/slideReader';

export interface OpenedSlide {
  slideId: number;
  path: string;
  reader: SlideReader;
  dz: DeepZoomServer;
  /** Changes when the file changes; part of every ETag. */
  version: string;
  lastUsed: number;
}

export interface SlideEngineOptions {
  /** Where pyramids of plain images are built. */
  cacheDir: string;
  tileCacheBytes?: number;
  rawCacheBytes?: number;
  /** Slides kept open at once (least recently used ones are closed). */
  maxOpen?: number;
}

function fileVersion(path: string): string {
  try {
    const st = statSync(path);
    return `${st.size}-${Math.round(st.mtimeMs)}`;
  } catch {
    return 'missing';
  }
}

/** Open slides of one core, their Deep Zoom servers, and the tile caches they share. */
export class SlideEngine {
  readonly tiles: LruCache<Buffer>;
  readonly raw: LruCache<RawImage>;
  private readonly open = new Map<number, OpenedSlide>();
  private readonly opening = new InFlight<OpenedSlide>();
  private readonly maxOpen: number;
  private closed = false;
  private db: Database | null = null;
  private pathOf: Statement | null = null;

  constructor(private readonly opts: SlideEngineOptions) {
    this.tiles = new LruCache<Buffer>(opts.tileCacheBytes ?? 96 * 1024 * 1024, (b) => b.length);
    this.raw = new LruCache<RawImage>(opts.rawCacheBytes ?? 160 * 1024 * 1024, (r) => r.data.length);
    this.maxOpen = opts.maxOpen ?? 12;
  }

  /** The open slide of a library row, opening it on first use (a bad file throws its typed error every time, and nothing is kept). */
  async byId(db: Database, slideId: number): Promise<OpenedSlide> {
    if (this.db !== db) {
      this.db = db;
      this.pathOf = db.prepare('SELECT path FROM slides WHERE id = ?');
    }
    const row = this.pathOf!.get(slideId) as { path: string } | undefined;
    if (!row) throw notFound('Slide', slideId);
    const current = this.open.get(slideId);
    if (current && current.path === row.path) {
      current.lastUsed = Date.now();
      return current;
    }
    return this.opening.run(`${slideId}\0${row.path}`, async () => {
      if (current) await this.close(slideId);
      const reader = await openSlideFile(row.path, { rawCache: this.raw, cacheDir: this.opts.cacheDir });
      if (this.closed) {
        await reader.close();
        throw notFound('Slide', slideId);
      }
      const opened: OpenedSlide = {
        slideId,
        path: row.path,
        reader,
        dz: new DeepZoomServer(reader, { tiles: this.tiles, raw: this.raw }),
        version: etagOf(row.path, fileVersion(row.path)).slice(1, 12),
        lastUsed: Date.now(),
      };
      this.open.set(slideId, opened);
      await this.evict();
      return opened;
    });
  }

  private async evict(): Promise<void> {
    while (this.open.size > this.maxOpen) {
      const oldest = [...this.open.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0];
      await this.close(oldest.slideId);
    }
  }

  async close(slideId: number): Promise<boolean> {
    const s = this.open.get(slideId);
    if (!s) return false;
    this.open.delete(slideId);
    s.dz.dropCached();
    await s.reader.close();
    return true;
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.open.keys()].map((id) => this.close(id)));
  }
}
