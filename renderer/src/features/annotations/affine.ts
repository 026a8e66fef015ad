import type { Bounds } from '../../../../shared/annotations/measure';

/** An affine map: x' = a·x + c·y + e, y' = b·x + d·y + f (the canvas setTransform order). */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

/** Level-0 px → viewer CSS px (pan, zoom and rotation in one map), with what drawing needs to know about it. */
export interface ViewTransform extends Affine {
  /** CSS px per level-0 px. */
  scale: number;
  /** Screen angle of the slide's x axis (radians). */
  angle: number;
  /** The level-0 box the viewer shows (the bounding box of its corners). */
  view: Bounds;
}

export function apply(m: Affine, x: number, y: number): [number, number] {
  return [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
}

export function invert(m: Affine): Affine {
  const det = m.a * m.d - m.b * m.c;
  const a = m.d / det;
  const b = -m.b / det;
  const c = -m.c / det;
  const d = m.a / det;
  return { a, b, c, d, e: -(a * m.e + c * m.f), f: -(b * m.e + d * m.f) };
}

/** m after n: (m ∘ n)(p) = m(n(p)). */
export function compose(m: Affine, n: Affine): Affine {
  return {
    a: m.a * n.a + m.c * n.b,
    b: m.b * n.a + m.d * n.b,
    c: m.a * n.c + m.c * n.d,
    d: m.b * n.c + m.d * n.d,
    e: m.a * n.e + m.c * n.f + m.e,
    f: m.b * n.e + m.d * n.f + m.f,
  };
}

/** Same zoom and rotation (a drawing made for one can be shown for the other by moving it). */
export function sameScale(p: ViewTransform, q: ViewTransform): boolean {
  return Math.abs(p.scale / q.scale - 1) < 1e-4 && Math.abs(p.angle - q.angle) < 1e-5;
}

/** The bounding box of where the rectangle [0, w] × [0, h] lands under m. */
export function boundsOfRect(m: Affine, w: number, h: number): Bounds {
  const pts = [apply(m, 0, 0), apply(m, w, 0), apply(m, 0, h), apply(m, w, h)];
  return {
    minX: Math.min(...pts.map((p) => p[0])),
    minY: Math.min(...pts.map((p) => p[1])),
    maxX: Math.max(...pts.map((p) => p[0])),
    maxY: Math.max(...pts.map((p) => p[1])),
  };
}
