import sharp from 'sharp';
import type { Box } from '../../../shared/review/dataset';
import { toRgb } from '../../../shared/models/image';
import { CoreError } from '../errors';
import { baseMagnification, type LowMagSource } from '../models/slideAdapter';
import type { RawImage } from '../slides/rawImage';

/** What reading crops needs from a slide (any SlideReader fits). */
export type PixelSource = LowMagSource;

export const JPEG_QUALITY = 85;
/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIDE = 1024;
/** Longest side of the downsized copy a region is measured on. */
export const MEASURE_SIDE = 256;
const MAX_READ_PIXELS = 64 * 1024 * 1024;

export interface ReadPlan {
  level: number;
  /** Pixels of `level` to read. */
  readW: number;
  readH: number;
  /** Size of the crop delivered. */
  outW: number;
  outH: number;
  /** Level-0 pixels per output pixel. */
  downsample: number;
}

/**
 * How to read a level-0 box at a magnification: the output is the box at that magnification (never finer than
 * level 0), shrunk to fit maxSide; it is read from the coarsest level at least that sharp.
 */
export function planRead(src: Pick<PixelSource, 'levels' | 'mpp' | 'objectivePower'>, box: Box, magnification: number, maxSide: number): ReadPlan {
  const bw = box[2] - box[0];
  const bh = box[3] - box[1];
  let ds = Math.max(1, baseMagnification(src) / magnification);
  ds = Math.max(ds, Math.max(bw, bh) / maxSide);
  const outW = Math.max(1, Math.round(bw / ds));
  const outH = Math.max(1, Math.round(bh / ds));
  let level = 0;
  src.levels.forEach((l, i) => {
    if (l.downsample <= ds * 1.01 && l.downsample > src.levels[level].downsample) level = i;
  });
  const lds = src.levels[level].downsample;
  return { level, readW: Math.max(1, Math.ceil(bw / lds)), readH: Math.max(1, Math.ceil(bh / lds)), outW, outH, downsample: ds };
}

async function resize(img: RawImage, w: number, h: number): Promise<RawImage> {
  if (img.width === w && img.height === h) return img;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 4 } })
    .resize(w, h, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** Whether every pixel of RGBA data is opaque (regions inside a slide nearly always are). */
function isOpaque(data: Uint8Array): boolean {
  if (data.byteOffset % 4 === 0) {
    const px = new Uint32Array(data.buffer, data.byteOffset, data.length >>> 2);
    // Little-endian RGBA: alpha is the top byte, so an opaque pixel is at least 0xff000000.
    for (let i = 0; i < px.length; i++) if (px[i] < 0xff000000) return false;
    return true;
  }
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return false;
  return true;
}

/**
 * RGBA as a metadata-free JPEG of outW × outH, transparent areas white. Opaque pixels (nearly every region) skip
 * flattening and are resized as RGB, both several times cheaper than on RGBA. The standard Huffman tables are
 * used: the same pixels, in files about 5% larger (more on bare glass), encoded in about 60% of the time.
 */
async function rgbaToJpeg(img: RawImage, outW: number, outH: number, quality: number): Promise<Buffer> {
  let s = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 4 } });
  s = img.opaque || isOpaque(img.data) ? s.removeAlpha() : s.flatten({ background: '#ffffff' });
  if (img.width !== outW || img.height !== outH) s = s.resize(outW, outH, { fit: 'fill', kernel: 'linear' });
  return s.jpeg({ quality, mozjpeg: false, optimiseCoding: false }).toBuffer();
}

/**
 * RGB (already on white) as a metadata-free JPEG of outW × outH: the same pixels as rgbaToJpeg gives the region as
 * RGBA, without libvips adding or dropping an alpha band.
 */
async function rgbToJpeg(img: RawImage, outW: number, outH: number, quality: number): Promise<Buffer> {
  let s = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
  if (img.width !== outW || img.height !== outH) s = s.resize(outW, outH, { fit: 'fill', kernel: 'linear' });
  return s.jpeg({ quality, mozjpeg: false, optimiseCoding: false }).toBuffer();
}

function checkedPlan(src: PixelSource, box: Box, magnification: number, maxSide: number): ReadPlan {
  const plan = planRead(src, box, magnification, maxSide);
  if (plan.readW * plan.readH > MAX_READ_PIXELS) throw new CoreError('UNSUPPORTED_FILE', `The slide has no level coarse enough to read a ${Math.round(box[2] - box[0])}-pixel-wide region at ${magnification}×.`);
  return plan;
}

const asBuffer = (r: { width: number; height: number; data: Uint8Array; opaque?: boolean }): RawImage => ({
  width: r.width,
  height: r.height,
  data: Buffer.from(r.data.buffer, r.data.byteOffset, r.data.length),
  opaque: r.opaque,
});

async function readPlanned(src: PixelSource, box: Box, magnification: number, maxSide: number): Promise<{ raw: RawImage; plan: ReadPlan }> {
  const plan = checkedPlan(src, box, magnification, maxSide);
  return { raw: asBuffer(await src.readRegion(Math.round(box[0]), Math.round(box[1]), plan.level, plan.readW, plan.readH)), plan };
}

/** A slide reader that can read into a caller's buffer, as RGB on white (the tiled readers). */
interface ReadsInto {
  readRegionInto(x: number, y: number, level: number, w: number, h: number, buffer: Buffer | null, channels: 3): Promise<RawImage>;
}
const readsInto = (src: PixelSource): src is PixelSource & ReadsInto => typeof (src as Partial<ReadsInto>).readRegionInto === 'function';

/**
 * Region buffers given back after encoding, reused by the next crops: crops are read a few at a time, and freeing a
 * multi-megabyte buffer per crop made the garbage collector run several times a second.
 */
const regionBuffers: Buffer[] = [];
const POOLED_BUFFERS = 8;
const POOLED_MAX_BYTES = 32 * 1024 * 1024;

function takeBuffer(bytes: number): Buffer {
  const i = regionBuffers.findIndex((b) => b.length >= bytes);
  if (i >= 0) return regionBuffers.splice(i, 1)[0];
  return Buffer.allocUnsafeSlow(bytes);
}

function giveBuffer(b: Buffer): void {
  if (b.length > POOLED_MAX_BYTES) return;
  regionBuffers.push(b);
  if (regionBuffers.length > POOLED_BUFFERS) regionBuffers.sort((p, q) => q.length - p.length).pop();
}

/** The box at the magnification, as RGBA (outside the slide transparent). */
export async function readCrop(src: PixelSource, box: Box, magnification: number, maxSide: number): Promise<RawImage> {
  const { raw, plan } = await readPlanned(src, box, magnification, maxSide);
  return resize(raw, plan.outW, plan.outH);
}

/** The box at the magnification as JPEG: read, resized and encoded in one pass (what exports and the review queue send). */
export async function cropJpeg(src: PixelSource, box: Box, magnification: number, maxSide: number, quality = JPEG_QUALITY): Promise<Buffer> {
  const plan = checkedPlan(src, box, magnification, maxSide);
  if (!readsInto(src)) {
    return rgbaToJpeg(asBuffer(await src.readRegion(Math.round(box[0]), Math.round(box[1]), plan.level, plan.readW, plan.readH)), plan.outW, plan.outH, quality);
  }
  const bytes = plan.readW * plan.readH * 3;
  const buffer = bytes > POOLED_MAX_BYTES ? null : takeBuffer(bytes);
  try {
    const raw = await src.readRegionInto(Math.round(box[0]), Math.round(box[1]), plan.level, plan.readW, plan.readH, buffer, 3);
    return await rgbToJpeg(raw, plan.outW, plan.outH, quality);
  } finally {
    if (buffer) giveBuffer(buffer);
  }
}

/** What a crop of the box holds: its size in pixels and the magnification and pixel size it is really at. */
export interface CropScale {
  width: number;
  height: number;
  /** The magnification of the written pixels (lower than asked for when the crop was shrunk to fit). */
  magnification: number;
  /** Micrometres per written pixel, when the slide states its pixel size. */
  mpp: number | null;
}

export function cropScale(src: Pick<PixelSource, 'levels' | 'mpp' | 'objectivePower'>, box: Box, magnification: number, maxSide: number): CropScale {
  const plan = planRead(src, box, magnification, maxSide);
  const level0PerPixel = Math.max((box[2] - box[0]) / plan.outW, (box[3] - box[1]) / plan.outH) || 1;
  const round = (v: number) => Number(v.toPrecision(4));
  return {
    width: plan.outW,
    height: plan.outH,
    magnification: round(baseMagnification(src) / level0PerPixel),
    mpp: src.mpp && src.mpp.x > 0 ? round(src.mpp.x * level0PerPixel) : null,
  };
}

export interface Thumbnail {
  image: RawImage;
  /** Thumbnail pixels per level-0 pixel. */
  scale: number;
}

/** The whole slide shrunk to fit `side`, read from the pyramid (never the file's label, macro or stored thumbnail). */
export async function readThumbnail(src: PixelSource, side = THUMBNAIL_SIDE): Promise<Thumbnail> {
  const ds = Math.max(1, Math.max(src.width, src.height) / side);
  const outW = Math.max(1, Math.round(src.width / ds));
  const outH = Math.max(1, Math.round(src.height / ds));
  let level = 0;
  src.levels.forEach((l, i) => {
    if (l.downsample <= ds * 1.01 && l.downsample > src.levels[level].downsample) level = i;
  });
  const l = src.levels[level];
  if (l.width * l.height > MAX_READ_PIXELS) throw new CoreError('UNSUPPORTED_FILE', `The slide has no level small enough for a thumbnail (the coarsest is ${l.width}×${l.height}).`);
  const raw = await src.readRegion(0, 0, level, l.width, l.height);
  const image = await resize({ width: raw.width, height: raw.height, data: Buffer.from(raw.data.buffer, raw.data.byteOffset, raw.data.length) }, outW, outH);
  return { image, scale: outW / src.width };
}

/** RGB on white, shrunk to fit MEASURE_SIDE: what regions are measured on. */
export async function measurementPixels(img: RawImage): Promise<{ rgb: Uint8Array; width: number; height: number }> {
  const s = Math.min(1, MEASURE_SIDE / Math.max(img.width, img.height));
  const small = await resize(img, Math.max(1, Math.round(img.width * s)), Math.max(1, Math.round(img.height * s)));
  return { rgb: toRgb({ width: small.width, height: small.height, channels: 4, data: small.data }), width: small.width, height: small.height };
}

/** JPEG with no metadata at all (sharp writes none unless asked), transparent areas white. */
export function encodeJpeg(img: RawImage, quality = JPEG_QUALITY): Promise<Buffer> {
  return rgbaToJpeg(img, img.width, img.height, quality);
}

export interface DrawnBox {
  box: Box;
  label: string;
  colour: string;
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The thumbnail with numbered boxes drawn on it, as JPEG. */
export async function thumbnailWithBoxes(t: Thumbnail, boxes: readonly DrawnBox[], quality = JPEG_QUALITY): Promise<Buffer> {
  const { width, height } = t.image;
  const stroke = Math.max(2, Math.round(Math.max(width, height) / 400));
  const font = Math.max(12, Math.round(Math.max(width, height) / 50));
  const shapes = boxes
    .map((b) => {
      const x = Math.max(0, Math.round(b.box[0] * t.scale));
      const y = Math.max(0, Math.round(b.box[1] * t.scale));
      const w = Math.max(2, Math.round((b.box[2] - b.box[0]) * t.scale));
      const h = Math.max(2, Math.round((b.box[3] - b.box[1]) * t.scale));
      const ty = y > font + 2 ? y - 3 : y + h + font;
      return (
        `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="none" stroke="${b.colour}" stroke-width="${stroke}"/>` +
        `<text x="${x}" y="${ty}" font-family="sans-serif" font-weight="bold" font-size="${font}" fill="${b.colour}" stroke="#ffffff" stroke-width="${Math.max(1, stroke / 2)}" paint-order="stroke">${escapeXml(b.label)}</text>`
      );
    })
    .join('');
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes}</svg>`);
  return sharp(t.image.data, { raw: { width, height, channels: 4 } })
    .flatten({ background: '#ffffff' })
    .composite([{ input: svg, top: 0, left: 0 }])
    .jpeg({ quality, mozjpeg: false })
    .toBuffer();
}
