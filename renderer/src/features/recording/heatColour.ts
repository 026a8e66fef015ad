/** 0..1 → a translucent blue–yellow–red colour; 0 is fully transparent. */
export function heatColour(v: number): [number, number, number, number] {
  if (!(v > 0)) return [0, 0, 0, 0];
  const x = Math.min(1, v);
  const r = Math.round(255 * Math.min(1, 2 * x));
  const g = Math.round(255 * (x < 0.5 ? 2 * x : 2 - 2 * x));
  const b = Math.round(255 * Math.max(0, 1 - 2 * x));
  return [r, g, b, Math.round(60 + 150 * x)];
}
