/**
 * Covering an image with fixed-size overlapping crops so a fully convolutional model can run piece by piece
 * with the same result as on the whole image (each crop's outer `margin` pixels only serve as context), and with
 * one input shape, which keeps the runtime's memory plan warm.
 */
export interface Span {
  /** Crop start and length in pixels. */
  start: number;
  length: number;
  /** Output cells this crop is trusted for: [from, to) in whole-image cells. */
  cellFrom: number;
  cellTo: number;
}

/** Spans along one axis of `length` pixels (a multiple of `stride`), crops of `crop` pixels (multiples of stride). */
export function planSpans(length: number, crop: number, margin: number, stride: number): Span[] {
  if (length % stride || crop % stride || margin % stride) throw new Error('Lengths, crop and margin must be multiples of the stride.');
  if (crop <= 2 * margin) throw new Error('The crop must be larger than twice the margin.');
  const cells = length / stride;
  if (length <= crop) return [{ start: 0, length, cellFrom: 0, cellTo: cells }];
  const starts: number[] = [];
  const step = crop - 2 * margin;
  for (let p = 0; p + crop < length; p += step) starts.push(p);
  starts.push(length - crop);
  return starts.map((p, i) => ({
    start: p,
    length: crop,
    cellFrom: i === 0 ? 0 : (p + margin) / stride,
    cellTo: i === starts.length - 1 ? cells : (p + crop - margin) / stride,
  }));
}

/** Copies the w×h pixel window at (x0, y0) out of an interleaved image `width` pixels wide. */
export function cropPixels(src: Uint8Array, width: number, channels: number, x0: number, y0: number, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h * channels);
  for (let y = 0; y < h; y++) {
    const from = ((y0 + y) * width + x0) * channels;
    out.set(src.subarray(from, from + w * channels), y * w * channels);
  }
  return out;
}
