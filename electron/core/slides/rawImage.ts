/** Decoded pixels: 8-bit RGBA (or RGB when `channels` is 3), rows top to bottom, no padding. */
export interface RawImage {
  width: number;
  height: number;
  data: Buffer;
  /** True when every pixel is known to be opaque (e.g. decoded from JPEG), so no one needs to check. */
  opaque?: boolean;
  /** 3: RGB, opaque by definition. Absent or 4: RGBA. */
  channels?: 3 | 4;
}

export const channelsOf = (img: RawImage): 3 | 4 => img.channels ?? 4;

export function blankImage(width: number, height: number): RawImage {
  return { width, height, data: Buffer.alloc(width * height * 4) };
}

/** Makes the rectangle (x, y, w, h) of `img` transparent black (white in RGB); the caller keeps it in bounds. */
export function clearRect(img: RawImage, x: number, y: number, w: number, h: number): void {
  const n = channelsOf(img);
  const value = n === 3 ? 255 : 0;
  for (let r = 0; r < h; r++) {
    const s = ((y + r) * img.width + x) * n;
    img.data.fill(value, s, s + w * n);
  }
}

/** n RGB pixels from `s` at byte `si` to RGBA in `d` at byte `di`, opaque. */
function rgbToRgba(s: Buffer, si: number, d: Buffer, di: number, n: number): void {
  if ((d.byteOffset + di) % 4 === 0) {
    const out = new Uint32Array(d.buffer, d.byteOffset + di, n);
    // Little-endian: R is the low byte, alpha the high one.
    for (let i = 0, j = si; i < n; i++, j += 3) out[i] = (s[j] | (s[j + 1] << 8) | (s[j + 2] << 16) | 0xff000000) >>> 0;
    return;
  }
  for (let i = 0, j = si, k = di; i < n; i++, j += 3, k += 4) {
    d[k] = s[j];
    d[k + 1] = s[j + 1];
    d[k + 2] = s[j + 2];
    d[k + 3] = 255;
  }
}

/** n RGBA pixels to RGB, composited over white. */
function rgbaToRgbOnWhite(s: Buffer, si: number, d: Buffer, di: number, n: number): void {
  for (let i = 0, j = si, k = di; i < n; i++, j += 4, k += 3) {
    const a = s[j + 3];
    if (a === 255) {
      d[k] = s[j];
      d[k + 1] = s[j + 1];
      d[k + 2] = s[j + 2];
    } else {
      const w = 255 * (255 - a);
      d[k] = Math.round((s[j] * a + w) / 255);
      d[k + 1] = Math.round((s[j + 1] * a + w) / 255);
      d[k + 2] = Math.round((s[j + 2] * a + w) / 255);
    }
  }
}

/**
 * Copies the rectangle (sx, sy, w, h) of `src` to (dx, dy) of `dst`, converting between RGB and RGBA when they
 * differ (RGBA into RGB is composited over white); the caller keeps it in bounds.
 */
export function blit(src: RawImage, sx: number, sy: number, dst: RawImage, dx: number, dy: number, w: number, h: number): void {
  const sn = channelsOf(src);
  const dn = channelsOf(dst);
  for (let y = 0; y < h; y++) {
    const s = ((sy + y) * src.width + sx) * sn;
    const d = ((dy + y) * dst.width + dx) * dn;
    if (sn === dn) src.data.copy(dst.data, d, s, s + w * sn);
    else if (sn === 3) rgbToRgba(src.data, s, dst.data, d, w);
    else rgbaToRgbOnWhite(src.data, s, dst.data, d, w);
  }
}

/** An opaque RGBA image as RGB (itself when it already is). */
export function opaqueRgb(img: RawImage): RawImage {
  if (channelsOf(img) === 3) return img;
  const n = img.width * img.height;
  const data = Buffer.allocUnsafeSlow(n * 3);
  const s = img.data;
  for (let i = 0, j = 0; i < n * 4; i += 4, j += 3) {
    data[j] = s[i];
    data[j + 1] = s[i + 1];
    data[j + 2] = s[i + 2];
  }
  return { width: img.width, height: img.height, data, opaque: true, channels: 3 };
}

/** The image as RGBA (itself when it already is). */
export function asRgba(img: RawImage): RawImage {
  if (channelsOf(img) === 4) return img;
  const data = Buffer.allocUnsafeSlow(img.width * img.height * 4);
  rgbToRgba(img.data, 0, data, 0, img.width * img.height);
  return { width: img.width, height: img.height, data, opaque: true };
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
