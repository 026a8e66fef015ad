import { corrupt, unsupported } from '../slideErrors';
import type { FileSource } from '../source/fileSource';
import { tagBytes, tagNumber, tagNumbers, tagText, type Ifd } from './parseTiff';
import { Compression, Photometric, Tag } from './tiffTags';

/** One image of a TIFF file (a pyramid level, a thumbnail, a label…), checked to be readable. */
export interface TiffImage {
  ifd: Ifd;
  width: number;
  height: number;
  tiled: boolean;
  /** Tile size, or (width × rows per strip) for stripped images. */
  tileWidth: number;
  tileHeight: number;
  cols: number;
  rows: number;
  offsets: Float64Array;
  byteCounts: Float64Array;
  compression: number;
  photometric: number;
  samplesPerPixel: number;
  predictor: number;
  jpegTables: Buffer | null;
  description: string;
  newSubfileType: number;
  /** Pixels per resolution unit and the unit (2 = inch, 3 = cm), when given. */
  xResolution: number | null;
  yResolution: number | null;
  resolutionUnit: number;
}

export const IMAGE_LIMITS = {
  /** Widest/tallest image accepted: 2^22 px (4.2 million) is far beyond any scanner's output. */
  maxDimension: 4 * 1024 * 1024,
  maxTileDimension: 16384,
  /** Decoded bytes of one tile or strip. */
  maxChunkPixels: 16 * 1024 * 1024,
};

const SUPPORTED_COMPRESSIONS = new Set<number>([
  Compression.None,
  Compression.Lzw,
  Compression.Jpeg,
  Compression.AdobeDeflate,
  Compression.Deflate,
  Compression.PackBits,
  Compression.AperioJp2kYcbcr,
  Compression.AperioJp2kRgb,
  Compression.Jpeg2000,
]);

export function compressionName(c: number): string {
  const names: Record<number, string> = {
    1: 'none',
    5: 'LZW',
    6: 'old-style JPEG',
    7: 'JPEG',
    8: 'deflate',
    32773: 'PackBits',
    32946: 'deflate',
    33003: 'JPEG 2000 (YCbCr)',
    33005: 'JPEG 2000 (RGB)',
    34712: 'JPEG 2000',
  };
  return names[c] ?? `code ${c}`;
}

/** Size and layout of an IFD's image; throws a typed error for anything absurd or unsupported. */
export function describeImage(src: FileSource, ifd: Ifd): TiffImage {
  const path = src.path;
  const width = tagNumber(ifd, Tag.ImageWidth, 0);
  const height = tagNumber(ifd, Tag.ImageLength, 0);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw corrupt(path, `an image has impossible dimensions (${width} × ${height})`);
  }
  if (width > IMAGE_LIMITS.maxDimension || height > IMAGE_LIMITS.maxDimension) {
    throw corrupt(path, `an image claims ${width} × ${height} pixels, beyond any real slide`);
  }
  const compression = tagNumber(ifd, Tag.Compression, 1);
  const samplesPerPixel = tagNumber(ifd, Tag.SamplesPerPixel, 1);
  const bits = tagNumbers(ifd, Tag.BitsPerSample) ?? Float64Array.of(1);
  const photometric = tagNumber(ifd, Tag.Photometric, samplesPerPixel >= 3 ? Photometric.Rgb : Photometric.BlackIsZero);
  const planar = tagNumber(ifd, Tag.PlanarConfiguration, 1);
  const sampleFormat = tagNumber(ifd, Tag.SampleFormat, 1);
  if (!SUPPORTED_COMPRESSIONS.has(compression)) throw unsupported(path, `its images use ${compressionName(compression)} compression, which Sightline does not decode`);
  if (![1, 3, 4].includes(samplesPerPixel)) throw unsupported(path, `an image has ${samplesPerPixel} samples per pixel (1, 3 or 4 are read)`);
  if (Array.from(bits).some((b) => b !== 8) || sampleFormat !== 1) throw unsupported(path, `an image has ${Array.from(bits).join('/')}-bit samples (8-bit images are read)`);
  if (planar !== 1 && samplesPerPixel > 1) throw unsupported(path, 'an image stores its colour planes separately');
  if (photometric === Photometric.Palette) throw unsupported(path, 'an image uses a colour palette');
  if (photometric === Photometric.YCbCr && compression !== Compression.Jpeg && compression !== Compression.AperioJp2kYcbcr) {
    throw unsupported(path, 'an image stores uncompressed YCbCr');
  }
  const tiled = ifd.tags.has(Tag.TileWidth) || ifd.tags.has(Tag.TileOffsets);
  let tileWidth: number;
  let tileHeight: number;
  let offsets: Float64Array | null;
  let byteCounts: Float64Array | null;
  if (tiled) {
    tileWidth = tagNumber(ifd, Tag.TileWidth, 0);
    tileHeight = tagNumber(ifd, Tag.TileLength, 0);
    offsets = tagNumbers(ifd, Tag.TileOffsets);
    byteCounts = tagNumbers(ifd, Tag.TileByteCounts);
  } else {
    tileWidth = width;
    tileHeight = Math.min(height, tagNumber(ifd, Tag.RowsPerStrip, height));
    offsets = tagNumbers(ifd, Tag.StripOffsets);
    byteCounts = tagNumbers(ifd, Tag.StripByteCounts);
  }
  if (!Number.isInteger(tileWidth) || !Number.isInteger(tileHeight) || tileWidth < 1 || tileHeight < 1) {
    throw corrupt(path, `an image has impossible ${tiled ? 'tile' : 'strip'} size ${tileWidth} × ${tileHeight}`);
  }
  if (tiled && (tileWidth > IMAGE_LIMITS.maxTileDimension || tileHeight > IMAGE_LIMITS.maxTileDimension)) {
    throw corrupt(path, `an image claims ${tileWidth} × ${tileHeight} pixel tiles`);
  }
  if (tileWidth * tileHeight > IMAGE_LIMITS.maxChunkPixels) {
    throw unsupported(path, `an image is stored in ${tiled ? 'tiles' : 'strips'} of ${tileWidth} × ${tileHeight} pixels, too large to decode piecewise`);
  }
  const cols = Math.ceil(width / tileWidth);
  const rows = Math.ceil(height / tileHeight);
  if (!offsets || !byteCounts) throw corrupt(path, `an image has no ${tiled ? 'tile' : 'strip'} offsets or byte counts`);
  if (offsets.length !== cols * rows || byteCounts.length !== cols * rows) {
    throw corrupt(path, `an image of ${width} × ${height} needs ${cols * rows} ${tiled ? 'tiles' : 'strips'} but lists ${offsets.length}`);
  }
  for (let i = 0; i < offsets.length; i++) {
    const o = offsets[i];
    const n = byteCounts[i];
    if (n === 0) continue;
    if (!(o >= 0) || !(n > 0) || o + n > src.size) {
      throw corrupt(path, `${tiled ? 'tile' : 'strip'} ${i} lies past the end of the file (bytes ${o}–${o + n} of ${src.size}; the file may be truncated)`);
    }
  }
  const xr = tagNumber(ifd, Tag.XResolution, NaN);
  const yr = tagNumber(ifd, Tag.YResolution, NaN);
  return {
    ifd,
    width,
    height,
    tiled,
    tileWidth,
    tileHeight,
    cols,
    rows,
    offsets,
    byteCounts,
    compression,
    photometric,
    samplesPerPixel,
    predictor: tagNumber(ifd, Tag.Predictor, 1),
    jpegTables: tagBytes(ifd, Tag.JPEGTables),
    description: tagText(ifd, Tag.ImageDescription),
    newSubfileType: tagNumber(ifd, Tag.NewSubfileType, 0),
    xResolution: Number.isFinite(xr) && xr > 0 ? xr : null,
    yResolution: Number.isFinite(yr) && yr > 0 ? yr : null,
    resolutionUnit: tagNumber(ifd, Tag.ResolutionUnit, 2),
  };
}

/** Microns per pixel from the resolution tags, when they hold a plausible microscope value. */
export function mppFromResolution(img: TiffImage): { x: number; y: number } | null {
  if (img.xResolution === null || img.yResolution === null) return null;
  const micronsPerUnit = img.resolutionUnit === 3 ? 10_000 : img.resolutionUnit === 2 ? 25_400 : 0;
  if (!micronsPerUnit) return null;
  const x = micronsPerUnit / img.xResolution;
  const y = micronsPerUnit / img.yResolution;
  return x >= 0.01 && x <= 50 && y >= 0.01 && y <= 50 ? { x, y } : null;
}
