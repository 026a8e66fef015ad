/**
 * Stain optical-density vectors (Ruifrok & Johnston, colour deconvolution): the RGB optical density one unit of
 * each stain adds. Haematoxylin marks nuclei; DAB is the brown of immunohistochemistry; eosin the pink of H&E.
 */
export const HAEMATOXYLIN: readonly [number, number, number] = [0.65, 0.704, 0.286];
export const DAB: readonly [number, number, number] = [0.268, 0.57, 0.776];
export const EOSIN: readonly [number, number, number] = [0.072, 0.99, 0.105];

function normalise(v: readonly number[]): [number, number, number] {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}

function cross(a: readonly number[], b: readonly number[]): [number, number, number] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function invert3(m: number[][]): number[][] {
  const [a, b, c] = m[0];
  const [d, e, f] = m[1];
  const [g, h, i] = m[2];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}

/**
 * The matrix that turns an RGB optical density into stain amounts [haematoxylin, DAB, residual]:
 * row s holds the weights of OD_r, OD_g, OD_b for stain s.
 */
export function hdabDeconvolution(): number[][] {
  const h = normalise(HAEMATOXYLIN);
  const d = normalise(DAB);
  const r = normalise(cross(h, d));
  // Stains as columns: od = S · amounts, so amounts = S⁻¹ · od.
  const S = [
    [h[0], d[0], r[0]],
    [h[1], d[1], r[1]],
    [h[2], d[2], r[2]],
  ];
  return invert3(S);
}
