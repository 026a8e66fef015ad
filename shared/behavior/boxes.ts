import type { Box } from './types';

export function boxArea(b: Box): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

export function intersectionArea(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Intersection over union; 0 for disjoint boxes. */
export function iou(a: Box, b: Box): number {
  const inter = intersectionArea(a, b);
  if (inter === 0) return 0;
  return inter / (boxArea(a) + boxArea(b) - inter);
}

export function unionBox(a: Box, b: Box): Box {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** Fraction of `inner`'s area that lies inside `outer`. */
export function insideFraction(inner: Box, outer: Box): number {
  const area = boxArea(inner);
  return area === 0 ? 0 : intersectionArea(inner, outer) / area;
}

/** Rounds outwards to whole pixels and clips to a width × height slide; null when nothing of it is on the slide. */
export function clipBox(x0: number, y0: number, x1: number, y1: number, width: number, height: number): Box | null {
  const cx0 = Math.max(0, Math.floor(x0));
  const cy0 = Math.max(0, Math.floor(y0));
  const cx1 = Math.min(width, Math.ceil(x1));
  const cy1 = Math.min(height, Math.ceil(y1));
  return cx1 > cx0 && cy1 > cy0 ? [cx0, cy0, cx1, cy1] : null;
}
