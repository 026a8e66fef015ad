/** Decoded pixels: 8-bit RGBA, rows top to bottom, no padding. */
export interface RawImage {
  width: number;
  height: number;
  data: Buffer;
  /** True when every pixel is known to be opaque (e.g. decoded from JPEG), so no one needs to check. */
  opaque?: boolean;
}

export function blankImage(width: number, height: number): RawImage {
  return { width, height, data: Buffer.alloc(width * height * 4) };
}

/** An image whose pixels the caller overwrites entirely (not cleared). */
export function uninitialisedImage(width: number, height: number): RawImage {
  return { width, height, data: Buffer.allocUnsafeSlow(width * height * 4) };
}

/** Makes the rectangle (x, y, w, h) of `img` transparent black; the caller keeps it in bounds. */
export function clearRect(img: RawImage, x: number, y: number, w: number, h: number): void {
  for (let r = 0; r < h; r++) {
    const s = ((y + r) * img.width + x) * 4;
    img.data.fill(0, s, s + w * 4);
  }
}

/** Copies the rectangle (sx, sy, w, h) of `src` to (dx, dy) of `dst`; the caller keeps it in bounds. */
export function blit(src: RawImage, sx: number, sy: number, dst: RawImage, dx: number, dy: number, w: number, h: number): void {
  const rowBytes = w * 4;
  for (let y = 0; y < h; y++) {
    const s = ((sy + y) * src.width + sx) * 4;
    src.data.copy(dst.data, ((dy + y) * dst.width + dx) * 4, s, s + rowBytes);
  }
}

/** Interleaved samples (1 = grey, 3 = RGB, 4 = RGBA) to RGBA. */
export function toRgba(samples: Uint8Array, width: number, height: number, channels: number, invertGrey = false): RawImage {
  const n = width * height;
  if (channels === 4 && samples.length >= n * 4) return { width, height, data: Buffer.from(samples.buffer, samples.byteOffset, n * 4) };
  const out = Buffer.allocUnsafe(n * 4);
  if (channels === 3) {
    for (let i = 0, j = 0; i < n; i++, j += 3) {
      out[i * 4] = samples[j];
      out[i * 4 + 1] = samples[j + 1];
      out[i * 4 + 2] = samples[j + 2];
      out[i * 4 + 3] = 255;
    }
  } else if (channels === 1) {
    for (let i = 0; i < n; i++) {
      const v = invertGrey ? 255 - samples[i] : samples[i];
      out[i * 4] = v;
      out[i * 4 + 1] = v;
      out[i * 4 + 2] = v;
      out[i * 4 + 3] = 255;
    }
  } else if (channels === 2) {
    for (let i = 0; i < n; i++) {
      const v = samples[i * 2];
      out[i * 4] = v;
      out[i * 4 + 1] = v;
      out[i * 4 + 2] = v;
      out[i * 4 + 3] = samples[i * 2 + 1];
    }
  } else {
    throw new Error(`${channels}-channel pixels are not supported`);
  }
  return { width, height, data: out };
}

/** YCbCr (JPEG/JFIF full-range) to RGB, in place on interleaved 3-sample pixels. */
export function yCbCrToRgbInPlace(samples: Uint8Array): void {
  for (let i = 0; i + 2 < samples.length; i += 3) {
    const y = samples[i];
    const cb = samples[i + 1] - 128;
    const cr = samples[i + 2] - 128;
    samples[i] = clamp(y + 1.402 * cr);
    samples[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    samples[i + 2] = clamp(y + 1.772 * cb);
  }
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}
