import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { deepZoomLevels, type SlideLevel } from '../../../../shared/slides/pyramid';
import type { TileExt } from '../../../../shared/slides/tileUrls';
import { CoreError } from '../../errors';
import { decodeImage } from '../codecs/imageCodec';
import { blankImage, blit, type RawImage } from '../rawImage';
import { corrupt, unsupported } from '../slideErrors';
import { fileOpenError } from '../source/fileSource';
import { IMAGE_LIMITS } from '../tiff/tiffImage';
import type { AssociatedImage, NativeDeepZoom, TileData } from './slideReader';
import { TiledReaderBase, type ReaderOptions } from './tiledReaderBase';

const MAX_DZI_BYTES = 1024 * 1024;
const MAX_TILE_FILE_BYTES = 64 * 1024 * 1024;

interface DziHeader {
  width: number;
  height: number;
  tileSize: number;
  overlap: number;
  ext: string;
}

function attr(xml: string, tag: string, name: string): string | undefined {
  const el = new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*>`).exec(xml)?.[0] ?? '';
  return new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(el)?.[1];
}

export function parseDzi(path: string, xml: string): DziHeader {
  if (!/<(?:\w+:)?Image\b/.test(xml)) throw unsupported(path, 'it is not a Deep Zoom (.dzi) document');
  const num = (tag: string, name: string) => Number(attr(xml, tag, name));
  const h: DziHeader = {
    width: num('Size', 'Width'),
    height: num('Size', 'Height'),
    tileSize: num('Image', 'TileSize'),
    overlap: num('Image', 'Overlap'),
    ext: (attr(xml, 'Image', 'Format') ?? '').toLowerCase(),
  };
  const ok = (n: number, max: number, min = 1) => Number.isInteger(n) && n >= min && n <= max;
  if (!ok(h.width, IMAGE_LIMITS.maxDimension) || !ok(h.height, IMAGE_LIMITS.maxDimension)) throw corrupt(path, `it gives an impossible size (${h.width} × ${h.height})`);
  if (!ok(h.tileSize, 8192) || !ok(h.overlap, Math.floor(h.tileSize / 2), 0)) throw corrupt(path, `it gives an impossible tile size or overlap (${h.tileSize}, ${h.overlap})`);
  if (!/^(jpe?g|png|webp)$/.test(h.ext)) throw unsupported(path, `its tiles are "${h.ext}" images (jpeg, png or webp are read)`);
  return h;
}

/** A Deep Zoom image: `name.dzi` beside a `name_files/<level>/<col>_<row>.<format>` folder. */
export class DziReader extends TiledReaderBase {
  readonly format = 'deepzoom';
  readonly vendor = 'deepzoom';
  readonly levels: readonly SlideLevel[];
  readonly mpp = null;
  readonly objectivePower = null;
  readonly properties: Readonly<Record<string, string>>;
  readonly associatedImages: readonly AssociatedImage[] = [];
  readonly tileFormat: TileExt;
  readonly nativeDeepZoom?: NativeDeepZoom;
  private readonly maxLevel: number;
  private readonly filesDir: string;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly header: DziHeader,
    opts: ReaderOptions,
  ) {
    super(opts);
    const dz = deepZoomLevels(header.width, header.height, header.tileSize);
    this.maxLevel = dz.length - 1;
    const levels: SlideLevel[] = [];
    for (let l = this.maxLevel; l >= 0; l--) {
      levels.push({ width: dz[l].width, height: dz[l].height, downsample: dz[l].downsample, tileWidth: header.tileSize, tileHeight: header.tileSize });
      if (dz[l].width <= header.tileSize && dz[l].height <= header.tileSize) break;
    }
    this.levels = levels;
    this.filesDir = join(dirname(path), `${basename(path).replace(/\.dzi$/i, '')}_files`);
    this.tileFormat = header.ext === 'png' ? 'png' : 'jpg';
    this.properties = { 'deepzoom.TileSize': String(header.tileSize), 'deepzoom.Overlap': String(header.overlap), 'deepzoom.Format': header.ext };
    if (header.ext !== 'webp') {
      this.nativeDeepZoom = {
        tileSize: header.tileSize,
        overlap: header.overlap,
        format: this.tileFormat,
        tile: (l, c, r) => this.tileFile(l, c, r),
      };
    }
  }

  static async open(path: string, opts: ReaderOptions = {}): Promise<DziReader> {
    let text: string;
    try {
      const buf = await readFile(path);
      if (buf.length > MAX_DZI_BYTES) throw unsupported(path, 'it is too large to be a Deep Zoom document');
      text = buf.toString('utf8');
    } catch (e) {
      throw fileOpenError(path, e);
    }
    return new DziReader(path, parseDzi(path, text), opts);
  }

  private async tileFile(dzLevel: number, col: number, row: number): Promise<Buffer | null> {
    if (this.closed) throw new CoreError('UNAVAILABLE', `${this.path} was closed.`);
    const file = join(this.filesDir, String(dzLevel), `${col}_${row}.${this.header.ext}`);
    try {
      const buf = await readFile(file);
      if (buf.length > MAX_TILE_FILE_BYTES) throw corrupt(this.path, `tile ${file} is implausibly large`);
      return buf;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw fileOpenError(file, e);
    }
  }

  readTile(level: number, col: number, row: number): Promise<TileData> {
    return this.readTileRaw(level, col, row).then((image) => ({ kind: 'raw', image }));
  }

  protected async decodeTile(level: number, col: number, row: number): Promise<RawImage> {
    const lv = this.levels[level];
    if (!lv) throw new CoreError('INVALID_INPUT', `Level ${level} does not exist.`);
    const w = Math.min(lv.tileWidth, lv.width - col * lv.tileWidth);
    const h = Math.min(lv.tileHeight, lv.height - row * lv.tileHeight);
    if (w <= 0 || h <= 0 || col < 0 || row < 0) throw new CoreError('INVALID_INPUT', `Tile ${col},${row} is outside level ${level}.`);
    const bytes = await this.tileFile(this.maxLevel - level, col, row);
    if (!bytes) return blankImage(w, h);
    let img: RawImage;
    try {
      img = await decodeImage(bytes);
    } catch (e) {
      throw corrupt(this.path, `tile ${col}_${row} of level ${this.maxLevel - level} cannot be decoded (${(e as Error).message})`);
    }
    const ox = col > 0 ? this.header.overlap : 0;
    const oy = row > 0 ? this.header.overlap : 0;
    const out = blankImage(w, h);
    blit(img, ox, oy, out, 0, 0, Math.min(w, img.width - ox), Math.min(h, img.height - oy));
    return out;
  }

  async readAssociated(name: string): Promise<RawImage> {
    throw new CoreError('NOT_FOUND', `A Deep Zoom image has no associated images (asked for "${name}").`);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.dropCached();
  }
}
