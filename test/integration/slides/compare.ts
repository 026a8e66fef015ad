import type { RawImage } from '../../../electron/core/slides/rawImage';

/** Mean absolute difference (0–255) between RGBA pixels and an RGB reference, over opaque pixels. */
export function meanAbsDiff(img: RawImage, rgb: Buffer, mask?: (x: number, y: number) => boolean): { mad: number; n: number } {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (mask && !mask(x, y)) continue;
      const i = y * img.width + x;
      for (let k = 0; k < 3; k++) sum += Math.abs(img.data[i * 4 + k] - rgb[i * 3 + k]);
      n += 3;
    }
  }
  return { mad: n ? sum / n : 0, n };
}
