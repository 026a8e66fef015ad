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

/**
 * Tightly packed RGB bytes; RGBA is composited onto white (transparent = no tissue, like glass).
 * Copies nothing when the image is already RGB.
 */
export function toRgb(img: RasterImage): Uint8Array {
  if (img.channels === 3) return img.data instanceof Uint8Array && img.data.constructor === Uint8Array ? img.data : new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.length);
  const n = img.width * img.height;
  const out = new Uint8Array(n * 3);
  const src = img.data;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const a = src[j + 3];
    if (a === 255) {
      out[i * 3] = src[j];
      out[i * 3 + 1] = src[j + 1];
      out[i * 3 + 2] = src[j + 2];
    } else {
      const white = 255 - a;
      out[i * 3] = Math.round((src[j] * a) / 255 + white);
      out[i * 3 + 1] = Math.round((src[j + 1] * a) / 255 + white);
      out[i * 3 + 2] = Math.round((src[j + 2] * a) / 255 + white);
    }
  }
  return out;
}

/** Box-averages an RGB image by an integer factor (edges that do not fill a whole box are dropped). */
export function reduceRgb(rgb: Uint8Array, width: number, height: number, factor: number): { rgb: Uint8Array; width: number; height: number } {
  if (factor <= 1) return { rgb, width, height };
  const w = Math.floor(width / factor);
  const h = Math.floor(height / factor);
  const out = new Uint8Array(w * h * 3);
  const area = factor * factor;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0, g = 0, b = 0;
      for (let dy = 0; dy < factor; dy++) {
        let i = ((y * factor + dy) * width + x * factor) * 3;
        for (let dx = 0; dx < factor; dx++, i += 3) {
          r += rgb[i];
          g += rgb[i + 1];
          b += rgb[i + 2];
        }
      }
      const o = (y * w + x) * 3;
      out[o] = Math.round(r / area);
      out[o + 1] = Math.round(g / area);
      out[o + 2] = Math.round(b / area);
    }
  }
  return { rgb: out, width: w, height: h };
}

export function checkRaster(img: RasterImage): string | null {
  if (!Number.isInteger(img.width) || !Number.isInteger(img.height) || img.width < 1 || img.height < 1) return `Image size ${img.width}×${img.height} is not a positive whole number of pixels.`;
  if (img.channels !== 3 && img.channels !== 4) return `Images need 3 (RGB) or 4 (RGBA) channels, not ${String(img.channels)}.`;
  if (img.data.length !== img.width * img.height * img.channels) {
    return `Pixel buffer holds ${img.data.length} bytes; ${img.width}×${img.height}×${img.channels} needs ${img.width * img.height * img.channels}.`;
  }
  return null;
}
