import type { SlideLevel } from '../../../../shared/slides/pyramid';
import type { TileExt } from '../../../../shared/slides/tileUrls';
import type { RawImage } from '../rawImage';

export interface AssociatedImage {
  name: string;
  width: number;
  height: number;
}

/** A tile as stored in the file, complete and ready to send (JPEG tables spliced in). */
export interface EncodedTile {
  kind: 'encoded';
  format: TileExt;
  data: Buffer;
}

export type TileData = EncodedTile | { kind: 'raw'; image: RawImage };

/** A file that already is a Deep Zoom pyramid (DZI): its tiles can go to the viewer unchanged. */
export interface NativeDeepZoom {
  tileSize: number;
  overlap: number;
  format: TileExt;
  /** The stored tile, or null when the file lacks it. */
  tile(dzLevel: number, col: number, row: number): Promise<Buffer | null>;
}

/** One open slide, whatever its format. Coordinates follow OpenSlide: level 0 is full resolution. */
export interface SlideReader {
  readonly path: string;
  /** e.g. aperio-svs, generic-tiff, ome-tiff, deepzoom, png, openslide */
  readonly format: string;
  /** e.g. aperio, generic, ome, image, or OpenSlide's vendor name */
  readonly vendor: string;
  readonly width: number;
  readonly height: number;
  readonly levels: readonly SlideLevel[];
  readonly mpp: { x: number; y: number } | null;
  readonly objectivePower: number | null;
  readonly properties: Readonly<Record<string, string>>;
  readonly associatedImages: readonly AssociatedImage[];
  /** How tiles of this slide are best sent: jpg when its tiles are JPEG or lossy, png when lossless. */
  readonly tileFormat: TileExt;
  readonly nativeDeepZoom?: NativeDeepZoom;

  /** The stored tile: encoded bytes when they can be sent as they are (JPEG), else decoded pixels. */
  readTile(level: number, col: number, row: number): Promise<TileData>;
  /** The decoded tile covering (col × tileWidth, row × tileHeight) of the level; may extend past the level's edge. */
  readTileRaw(level: number, col: number, row: number): Promise<RawImage>;
  /** RGBA pixels: x, y in level-0 pixels, w, h in pixels of `level`. Outside the slide is transparent. */
  readRegion(x: number, y: number, level: number, w: number, h: number): Promise<RawImage>;
  readAssociated(name: string): Promise<RawImage>;
  close(): Promise<void>;
}
