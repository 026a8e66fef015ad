/** An 8-bit RGB or RGBA raster, rows top to bottom, channels interleaved. */
export interface RasterImage {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
}

/** The low-magnification view the proposer reads: the raster plus how many level-0 pixels one of its pixels spans. */
export interface LowMagView {
  image: RasterImage;
  downsample: number;
}

/** Tightly packed RGB bytes (drops alpha; copies nothing when the image is already RGB). */
export function toRgb(img: RasterImage): Uint8Array {
  if (img.channels === 3) return img.data instanceof Uint8Array ? img.data : new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.length);
  const n = img.width * img.height;
  const out = new Uint8Array(n * 3);
  const src = img.data;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    out[i * 3] = src[j];
    out[i * 3 + 1] = src[j + 1];
    out[i * 3 + 2] = src[j + 2];
  }
  return out;
}

export function checkRaster(img: RasterImage): string | null {
  if (!Number.isInteger(img.width) || !Number.isInteger(img.height) || img.width < 1 || img.height < 1) return `Image size ${img.width}×${img.height} is not a positive whole number of pixels.`;
  if (img.channels !== 3 && img.channels !== 4) return `Images need 3 (RGB) or 4 (RGBA) channels, not ${String(img.channels)}.`;
  if (img.data.length !== img.width * img.height * img.channels) {
    return `Pixel buffer holds ${img.data.length} bytes; ${img.width}×${img.height}×${img.channels} needs ${img.width * img.height * img.channels}.`;
  }
  return null;
}
