export const Tag = {
  NewSubfileType: 254,
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  ImageDescription: 270,
  Make: 271,
  Model: 272,
  StripOffsets: 273,
  SamplesPerPixel: 277,
  RowsPerStrip: 278,
  StripByteCounts: 279,
  XResolution: 282,
  YResolution: 283,
  PlanarConfiguration: 284,
  ResolutionUnit: 296,
  Software: 305,
  DateTime: 306,
  Predictor: 317,
  TileWidth: 322,
  TileLength: 323,
  TileOffsets: 324,
  TileByteCounts: 325,
  SubIFDs: 330,
  ExtraSamples: 338,
  SampleFormat: 339,
  JPEGTables: 347,
  YCbCrSubsampling: 530,
  ImageDepth: 32997,
} as const;

/** Only these tags' values are read; everything else in an IFD is skipped unread. */
export const KNOWN_TAGS: ReadonlySet<number> = new Set(Object.values(Tag));

export const Compression = {
  None: 1,
  Lzw: 5,
  OldJpeg: 6,
  Jpeg: 7,
  AdobeDeflate: 8,
  PackBits: 32773,
  Deflate: 32946,
  /** Aperio JPEG 2000 whose components are Y, Cb, Cr. */
  AperioJp2kYcbcr: 33003,
  /** Aperio JPEG 2000 whose components are R, G, B. */
  AperioJp2kRgb: 33005,
  Jpeg2000: 34712,
} as const;

export const Photometric = {
  WhiteIsZero: 0,
  BlackIsZero: 1,
  Rgb: 2,
  Palette: 3,
  YCbCr: 6,
} as const;

/** Bytes per value of each TIFF field type; 0 for unknown types. */
export function typeSize(type: number): number {
  switch (type) {
    case 1: // BYTE
    case 2: // ASCII
    case 6: // SBYTE
    case 7: // UNDEFINED
      return 1;
    case 3: // SHORT
    case 8: // SSHORT
      return 2;
    case 4: // LONG
    case 9: // SLONG
    case 11: // FLOAT
    case 13: // IFD
      return 4;
    case 5: // RATIONAL
    case 10: // SRATIONAL
    case 12: // DOUBLE
    case 16: // LONG8
    case 17: // SLONG8
    case 18: // IFD8
      return 8;
    default:
      return 0;
  }
}
