/** An axis-aligned box [x0, y0, x1, y1]; x1 and y1 are exclusive. */
export type Box = [number, number, number, number];

export function boxArea(b: Box): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

export function scaleBox(b: Box, s: number): Box {
  return [b[0] * s, b[1] * s, b[2] * s, b[3] * s];
}

export function clipBox(b: Box, width: number, height: number): Box {
  return [Math.max(0, Math.min(width, b[0])), Math.max(0, Math.min(height, b[1])), Math.max(0, Math.min(width, b[2])), Math.max(0, Math.min(height, b[3]))];
}
