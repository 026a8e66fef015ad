/**
 * The eight symmetries of a square (four rotations, each with or without a mirror), used for test-time
 * augmentation. Transform k: mirror left–right if k ≥ 4, then rotate clockwise by 90° × (k mod 4).
 */
export const DIHEDRAL_COUNT = 8;

/** Where pixel (x, y) of an n×n square lands under transform k. */
export function dihedralPoint(k: number, x: number, y: number, n: number): [number, number] {
  let px = k >= 4 ? n - 1 - x : x;
  let py = y;
  for (let r = 0; r < k % 4; r++) [px, py] = [n - 1 - py, px];
  return [px, py];
}

/** Transform k of an n×n image with `channels` interleaved channels. */
export function transformSquare(src: Uint8Array, n: number, channels: number, k: number): Uint8Array {
  if (k === 0) return src;
  const out = new Uint8Array(src.length);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const [tx, ty] = dihedralPoint(k, x, y, n);
      const from = (y * n + x) * channels;
      const to = (ty * n + tx) * channels;
      for (let c = 0; c < channels; c++) out[to + c] = src[from + c];
    }
  }
  return out;
}

/** Undoes transform k on an m×m map computed from a transformed image: value at (x, y) of the original frame. */
export function untransformSquareMap(map: Float32Array, m: number, k: number): Float32Array {
  if (k === 0) return map;
  const out = new Float32Array(map.length);
  for (let y = 0; y < m; y++) {
    for (let x = 0; x < m; x++) {
      const [tx, ty] = dihedralPoint(k, x, y, m);
      out[y * m + x] = map[ty * m + tx];
    }
  }
  return out;
}
