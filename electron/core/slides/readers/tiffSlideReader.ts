import type { SlideLevel } from '../../../../shared/slides/pyramid';
import type { TileExt } from '../../../../shared/slides/tileUrls';
import { CoreError } from '../../errors';
import { completeJpeg, decodeTiffChunk } from '../codecs/decodeTiffChunk';
import { decodeImage, decodeJpegRgb, imageHeader } from '../codecs/imageCodec';
import { parseTileJpeg, stackJpegTiles, type TileJpeg } from '../codecs/jpegStack';
import { blankImage, blit, type RawImage } from '../rawImage';
import { corrupt, unsupported } from '../slideErrors';
import { FileSource } from '../source/fileSource';
import { parseTiff, tagText, type Ifd, type TiffFile } from '../tiff/parseTiff';
import { compressionName, describeImage, mppFromResolution, type TiffImage } from '../tiff/tiffImage';
import { Compression, Photometric, Tag } from '../tiff/tiffTags';
import { parseAperioDescription, positiveNumber } from './aperioDescription';
import { parseOmeXml } from './omeXml';
import { parsePhilipsXml } from './philipsXml';
import type { AssociatedImage, TileData } from './slideReader';
import { TiledReaderBase, type ReaderOptions } from './tiledReaderBase';

/** JPEG tiles are decoded in runs about this tall (one decoder call costs about as much as decoding a 240-pixel tile). */
const JPEG_RUN_PIXELS = 2048;

/** The largest associated image decoded whole (labels and macros are far smaller). */
const MAX_ASSOCIATED_PIXELS = 64 * 1024 * 1024;

/** An associated image stored as an encoded image outside the TIFF directories (Philips' Base64 JPEG label and macro). */
interface EmbeddedImage {
  bytes: Buffer;
  width: number;
  height: number;
}

type AssociatedSource = TiffImage | EmbeddedImage;

interface Layout {
  vendor: 'aperio' | 'ome' | 'philips' | 'generic';
  levels: TiffImage[];
  /** Level sizes and downsamples when the file's own are not to be trusted (Philips pads its levels to whole tiles). */
  levelSizes?: Array<{ width: number; height: number; downsample: number }>;
  associated: Map<string, AssociatedSource>;
  /** Base64 JPEGs to add as associated images once their headers are read (unless a directory already has the name). */
  embedded?: Map<string, string>;
  mpp: { x: number; y: number } | null;
  objectivePower: number | null;
  properties: Record<string, string>;
}

function tryDescribe(src: FileSource, ifd: Ifd): TiffImage | null {
  try {
    return describeImage(src, ifd);
  } catch {
    return null;
  }
}

function sameAspect(a: TiffImage, b: TiffImage): boolean {
  return Math.abs(a.width / a.height - b.width / b.height) < 0.02 * (a.width / a.height) + 2 / b.height;
}

function associatedName(desc: string): string | null {
  const d = desc.toLowerCase();
  if (/\blabel\b/.test(d)) return 'label';
  if (/\bmacro\b/.test(d)) return 'macro';
  if (/\bthumbnail\b/.test(d)) return 'thumbnail';
  return null;
}

function baseProperties(first: TiffImage): Record<string, string> {
  const props: Record<string, string> = {};
  const put = (k: string, v: string) => v && (props[k] = v);
  put('tiff.ImageDescription', first.description.length <= 4096 ? first.description : `${first.description.slice(0, 4096)}…`);
  put('tiff.Software', tagText(first.ifd, Tag.Software));
  put('tiff.Make', tagText(first.ifd, Tag.Make));
  put('tiff.Model', tagText(first.ifd, Tag.Model));
  put('tiff.DateTime', tagText(first.ifd, Tag.DateTime));
  props['tiff.Compression'] = compressionName(first.compression);
  return props;
}

/**
 * Philips levels are stored padded to whole tiles, so their sizes are not in proportion: the downsamples come from
 * the levels' pixel spacings (whole numbers, as OpenSlide takes them) and each level is cut to level 0's size over
 * its downsample. Undefined when the spacings do not describe the levels one for one.
 */
function philipsLevelSizes(levels: TiffImage[], spacings: Array<{ x: number; y: number }>): Layout['levelSizes'] {
  if (spacings.length !== levels.length) return undefined;
  const [base, s0] = [levels[0], spacings[0]];
  const sizes = levels.map((img, i) => {
    const downsample = i === 0 ? 1 : Math.round((spacings[i].x / s0.x + spacings[i].y / s0.y) / 2);
    const width = Math.floor(base.width / downsample);
    const height = Math.floor(base.height / downsample);
    return { width, height, downsample, fits: downsample >= 1 && width >= 1 && height >= 1 && width <= img.width && height <= img.height };
  });
  return sizes.every((s) => s.fits) ? sizes.map(({ width, height, downsample }) => ({ width, height, downsample })) : undefined;
}

function layoutOf(src: FileSource, tiff: TiffFile): Layout {
  const first = describeImage(src, tiff.ifds[0]);
  const desc = first.description;
  const properties = baseProperties(first);
  const associated = new Map<string, AssociatedSource>();
  // Read as a generic TIFF, a Leica slide would show its macro image in place of the tissue.
  if (desc.includes('leica-microsystems.com/scn')) throw unsupported(src.path, 'it is a Leica SCN slide, which Sightline opens with OpenSlide');

  if (desc.startsWith('Aperio')) {
    const levels: TiffImage[] = [];
    tiff.ifds.forEach((ifd, i) => {
      if (i === 0) return void levels.push(first);
      const img = tryDescribe(src, ifd);
      if (!img) return;
      if (img.tiled) levels.push(img);
      else {
        const name = associatedName(img.description) ?? (i === 1 ? 'thumbnail' : null);
        if (name && !associated.has(name)) associated.set(name, img);
      }
    });
    Object.assign(properties, parseAperioDescription(desc));
    const mpp = positiveNumber(properties['aperio.MPP']);
    return {
      vendor: 'aperio',
      levels: levels.sort((a, b) => b.width - a.width),
      associated,
      mpp: mpp ? { x: mpp, y: mpp } : null,
      objectivePower: positiveNumber(properties['aperio.AppMag']),
      properties,
    };
  }

  // A Philips document holds the barcode and the label's pixels, so it is never shown whole, even when it is malformed.
  if (desc.includes('DPUfsImport')) delete properties['tiff.ImageDescription'];
  const philips = desc.includes('DPUfsImport') ? parsePhilipsXml(desc) : null;
  if (philips) {
    const levels = [first];
    tiff.ifds.forEach((ifd, i) => {
      if (i === 0) return;
      const img = tryDescribe(src, ifd);
      if (!img) return;
      if (img.tiled) {
        if (img.width <= first.width && img.height <= first.height) levels.push(img);
        return;
      }
      const name = /^label/i.test(img.description) ? 'label' : /^macro/i.test(img.description) ? 'macro' : null;
      if (name && !associated.has(name)) associated.set(name, img);
    });
    levels.sort((a, b) => b.width - a.width);
    Object.assign(properties, philips.properties);
    const embedded = new Map<string, string>();
    if (philips.label) embedded.set('label', philips.label);
    if (philips.macro) embedded.set('macro', philips.macro);
    return { vendor: 'philips', levels, levelSizes: philipsLevelSizes(levels, philips.levelSpacings), associated, embedded, mpp: philips.mpp, objectivePower: philips.objectivePower, properties };
  }

  if (/<(\w+:)?OME\b/.test(desc)) {
    const ome = parseOmeXml(desc);
    const levels = [first, ...tiff.ifds[0].subIfds.map((s) => tryDescribe(src, s)).filter((x): x is TiffImage => x !== null && x.width < first.width)];
    tiff.ifds.forEach((ifd, i) => {
      if (i === 0) return;
      const name = associatedName(ome.imageNames[i] ?? '');
      const img = name ? tryDescribe(src, ifd) : null;
      if (name && img && !associated.has(name)) associated.set(name, img);
    });
    if (ome.objectivePower) properties['ome.NominalMagnification'] = String(ome.objectivePower);
    if (ome.mppX) properties['ome.PhysicalSizeX'] = String(ome.mppX);
    if (ome.mppY) properties['ome.PhysicalSizeY'] = String(ome.mppY);
    return {
      vendor: 'ome',
      levels: levels.sort((a, b) => b.width - a.width),
      associated,
      mpp: ome.mppX ? { x: ome.mppX, y: ome.mppY ?? ome.mppX } : null,
      objectivePower: ome.objectivePower,
      properties,
    };
  }

  const levels = [first];
  const candidates = [...tiff.ifds[0].subIfds, ...tiff.ifds.slice(1)];
  for (const ifd of candidates) {
    const img = tryDescribe(src, ifd);
    if (!img) continue;
    const named = associatedName(img.description);
    if (!named && img.tiled === first.tiled && img.width < first.width && sameAspect(first, img) && !levels.some((l) => l.width === img.width)) {
      levels.push(img);
    } else if (named && !associated.has(named)) associated.set(named, img);
  }
  return { vendor: 'generic', levels: levels.sort((a, b) => b.width - a.width), associated, mpp: mppFromResolution(first), objectivePower: null, properties };
}

/** A Base64 JPEG's bytes and size, or null when it is not a JPEG of a sensible size (a bad image is left out, not fatal). */
async function embeddedJpeg(base64: string): Promise<EmbeddedImage | null> {
  const bytes = Buffer.from(base64, 'base64');
  try {
    const { format, width, height } = await imageHeader(bytes);
    return format === 'jpeg' && width > 0 && height > 0 && width * height <= MAX_ASSOCIATED_PIXELS ? { bytes, width, height } : null;
  } catch {
    return null;
  }
}

/** Aperio SVS, OME-TIFF (pyramid in SubIFDs), Philips TIFF and generic tiled pyramidal TIFF/BigTIFF, read with Sightline's own parser. */
export class TiffSlideReader extends TiledReaderBase {
  readonly format: string;
  readonly vendor: string;
  readonly levels: readonly SlideLevel[];
  readonly mpp: { x: number; y: number } | null;
  readonly objectivePower: number | null;
  readonly properties: Readonly<Record<string, string>>;
  readonly associatedImages: readonly AssociatedImage[];
  readonly tileFormat: TileExt;

  private constructor(
    private readonly src: FileSource,
    private readonly images: TiffImage[],
    private readonly assoc: Map<string, AssociatedSource>,
    layout: Layout,
    opts: ReaderOptions,
  ) {
    super(opts);
    const base = images[0];
    this.vendor = layout.vendor;
    this.format = { aperio: 'aperio-svs', ome: 'ome-tiff', philips: 'philips-tiff', generic: 'generic-tiff' }[layout.vendor];
    this.levels = images.map((img, i) => ({
      width: img.width,
      height: img.height,
      downsample: (base.width / img.width + base.height / img.height) / 2,
      ...layout.levelSizes?.[i],
      tileWidth: img.tileWidth,
      tileHeight: img.tileHeight,
    }));
    this.mpp = layout.mpp;
    this.objectivePower = layout.objectivePower;
    const props: Record<string, string> = { ...layout.properties };
    if (this.mpp) {
      props['openslide.mpp-x'] = String(this.mpp.x);
      props['openslide.mpp-y'] = String(this.mpp.y);
    }
    if (this.objectivePower) props['openslide.objective-power'] = String(this.objectivePower);
    this.properties = props;
    this.associatedImages = [...assoc].map(([name, img]) => ({ name, width: img.width, height: img.height }));
    const lossy = [Compression.Jpeg, Compression.AperioJp2kRgb, Compression.AperioJp2kYcbcr, Compression.Jpeg2000] as number[];
    this.tileFormat = lossy.includes(base.compression) ? 'jpg' : 'png';
  }

  get path(): string {
    return this.src.path;
  }

  /** True when the file is a TIFF whose only image is a single, large, untiled one (better served from a built pyramid). */
  get isFlatImage(): boolean {
    return this.images.length === 1 && !this.images[0].tiled;
  }

  static async open(path: string, opts: ReaderOptions = {}, src?: FileSource): Promise<TiffSlideReader> {
    const source = src ?? (await FileSource.open(path));
    try {
      const tiff = await parseTiff(source);
      const layout = layoutOf(source, tiff);
      if (layout.levels.length === 0) throw corrupt(path, 'it has no readable image');
      for (const [name, base64] of layout.embedded ?? []) {
        if (layout.associated.has(name)) continue;
        const image = await embeddedJpeg(base64);
        if (image) layout.associated.set(name, image);
      }
      return new TiffSlideReader(source, layout.levels, layout.associated, layout, opts);
    } catch (e) {
      await source.close();
      throw e;
    }
  }

  private image(level: number): TiffImage {
    const img = this.images[level];
    if (!img) throw new CoreError('INVALID_INPUT', `Level ${level} does not exist; this slide has levels 0–${this.images.length - 1}.`);
    return img;
  }

  private chunkIndex(img: TiffImage, col: number, row: number): number {
    if (!Number.isInteger(col) || !Number.isInteger(row) || col < 0 || row < 0 || col >= img.cols || row >= img.rows) {
      throw new CoreError('INVALID_INPUT', `Tile ${col},${row} is outside the ${img.cols} × ${img.rows} tile grid.`);
    }
    return row * img.cols + col;
  }

  private async chunkBytes(img: TiffImage, index: number): Promise<Buffer | null> {
    const n = img.byteCounts[index];
    if (n === 0) return null;
    return this.src.read(img.offsets[index], n, img.tiled ? `tile ${index}` : `strip ${index}`);
  }

  private canPassThrough(img: TiffImage): boolean {
    return img.compression === Compression.Jpeg && img.tiled && (img.samplesPerPixel === 3 || img.samplesPerPixel === 1) && img.photometric !== Photometric.WhiteIsZero;
  }

  async readTile(level: number, col: number, row: number): Promise<TileData> {
    const img = this.image(level);
    const index = this.chunkIndex(img, col, row);
    if (this.canPassThrough(img)) {
      const bytes = await this.chunkBytes(img, index);
      if (bytes) return { kind: 'encoded', format: 'jpg', data: completeJpeg(img, bytes) };
    }
    return { kind: 'raw', image: await this.readTileRaw(level, col, row) };
  }

  protected async decodeTile(level: number, col: number, row: number, channels: 3 | 4 = 4): Promise<RawImage> {
    const img = this.image(level);
    return this.decodeChunk(img, this.chunkIndex(img, col, row), channels);
  }

  protected override tileGroupRows(level: number): number {
    const img = this.images[level];
    if (!img || img.compression !== Compression.Jpeg || !img.tiled) return 1;
    return Math.max(1, Math.min(img.rows, Math.round(JPEG_RUN_PIXELS / img.tileHeight)));
  }

  /**
   * A run of JPEG tiles of one column decoded as one stacked JPEG when they can be (same tables and size, baseline,
   * whole MCU rows), else tile by tile. Tiles differ from one-by-one decoding only where the decoder smooths
   * subsampled chroma across the boundary between two tiles of the run.
   */
  protected override async decodeTileGroup(level: number, col: number, row: number, count: number, channels: 3 | 4 = 4): Promise<RawImage[]> {
    const img = this.image(level);
    const bytes = await Promise.all(Array.from({ length: count }, (_, k) => this.chunkBytes(img, this.chunkIndex(img, col, row + k))));
    const parts: TileJpeg[] = [];
    for (const b of bytes) {
      const p = b ? parseTileJpeg(completeJpeg(img, b)) : null;
      if (!p) break;
      parts.push(p);
    }
    const stacked = parts.length === count ? stackJpegTiles(parts) : null;
    if (stacked) {
      const { width, height } = parts[0];
      let whole: RawImage | null = null;
      try {
        whole = channels === 3 ? await decodeJpegRgb(stacked) : await decodeImage(stacked);
      } catch {
        // A damaged tile: decoding one by one reports which.
      }
      if (whole && whole.width === width && whole.height === height * count) {
        const size = width * height * channels;
        const form = channels === 3 ? { channels } : {};
        // Views, not copies: the tiles of a run are read and evicted together, so they free the run's buffer together.
        return parts.map((_, k) => ({ width, height, data: whole.data.subarray(k * size, (k + 1) * size), opaque: true, ...form }));
      }
    }
    return Promise.all(Array.from({ length: count }, (_, k) => this.decodeTile(level, col, row + k, channels)));
  }

  private async decodeChunk(img: TiffImage, index: number, channels: 3 | 4 = 4): Promise<RawImage> {
    const row = Math.floor(index / img.cols);
    const rows = img.tiled ? img.tileHeight : Math.min(img.tileHeight, img.height - row * img.tileHeight);
    const bytes = await this.chunkBytes(img, index);
    if (!bytes) return blankImage(img.tileWidth, rows);
    return decodeTiffChunk(this.src.path, img, bytes, rows, channels);
  }

  async readAssociated(name: string): Promise<RawImage> {
    const img = this.assoc.get(name);
    if (!img) throw new CoreError('NOT_FOUND', `This slide has no associated image "${name}" (it has: ${[...this.assoc.keys()].join(', ') || 'none'}).`);
    if ('bytes' in img) {
      try {
        return await decodeImage(img.bytes);
      } catch {
        throw corrupt(this.path, `its ${name} image cannot be decoded`);
      }
    }
    if (img.width * img.height > MAX_ASSOCIATED_PIXELS) throw corrupt(this.path, `the ${name} image claims ${img.width} × ${img.height} pixels`);
    const out = blankImage(img.width, img.height);
    for (let r = 0; r < img.rows; r++) {
      for (let c = 0; c < img.cols; c++) {
        const tile = await this.decodeChunk(img, r * img.cols + c);
        const x = c * img.tileWidth;
        const y = r * img.tileHeight;
        blit(tile, 0, 0, out, x, y, Math.min(tile.width, img.width - x), Math.min(tile.height, img.height - y));
      }
    }
    return out;
  }

  async close(): Promise<void> {
    this.dropCached();
    await this.src.close();
  }
}
