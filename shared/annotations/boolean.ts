import polygonClipping from 'polygon-clipping';
import { geometryArea } from './measure';
import type { Geometry, MultiPolygonGeometry, PolygonGeometry, Position, Ring } from './geometry';
import { ellipseVertexCount, toPolygons } from './shapes';

// Boolean operations for the brush and the eraser. Results are polygons (with holes) or multipolygons; rectangles
// and ellipses taking part become polygons.

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** Pieces smaller than this (px²) are dropped from results: slivers left by an eraser edge. */
export const MIN_PIECE_AREA = 0.5;

function fromMultiPolygon(mp: Ring[][]): AreaGeometry | null {
  const pieces = mp.filter((rings) => geometryArea({ type: 'polygon', rings }) >= MIN_PIECE_AREA);
  if (pieces.length === 0) return null;
  return pieces.length === 1 ? { type: 'polygon', rings: pieces[0] } : { type: 'multipolygon', polygons: pieces };
}

function polygonsOf(g: Geometry): Ring[][] {
  const polygons = toPolygons(g);
  if (!polygons) throw new Error(`A ${g.type} has no area: only rectangles, ellipses, polygons and multipolygons take part in brush and eraser operations.`);
  return polygons;
}

/** The union of areal geometries (e.g. a brush stroke added to an annotation); null when nothing is left. */
export function unionGeometries(geometries: readonly Geometry[]): AreaGeometry | null {
  if (geometries.length === 0) return null;
  const [first, ...rest] = geometries.map(polygonsOf);
  return fromMultiPolygon(polygonClipping.union(first, ...rest));
}

/** `subject` minus `cut` (an eraser stroke): may gain holes or fall apart into a multipolygon; null when erased entirely. */
export function subtractGeometry(subject: Geometry, cut: Geometry | readonly Geometry[]): AreaGeometry | null {
  const cuts = (Array.isArray(cut) ? cut : [cut]) as readonly Geometry[];
  return fromMultiPolygon(polygonClipping.difference(polygonsOf(subject), ...cuts.map(polygonsOf)));
}

/** The overlap of two areal geometries; null when they do not overlap. */
export function intersectGeometries(a: Geometry, b: Geometry): AreaGeometry | null {
  return fromMultiPolygon(polygonClipping.intersection(polygonsOf(a), polygonsOf(b)));
}

function circle(c: Position, r: number, n: number): Ring {
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    ring.push([c[0] + r * Math.cos(t), c[1] + r * Math.sin(t)]);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/** The segment a→b thickened to `r` on each side (a rectangle; the round caps come from the circles at the points). */
function band(a: Position, b: Position, r: number): Ring {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  const nx = (-dy / len) * r;
  const ny = (dx / len) * r;
  return [
    [a[0] + nx, a[1] + ny],
    [b[0] + nx, b[1] + ny],
    [b[0] - nx, b[1] - ny],
    [a[0] - nx, a[1] - ny],
    [a[0] + nx, a[1] + ny],
  ];
}

/**
 * The area a round brush of `radius` px covers when dragged through `points` (level-0 px): circles at the points
 * joined by bands. Points closer than a quarter radius to the previous kept point are skipped (they add nothing
 * visible and cost time).
 */
export function brushStroke(points: readonly Position[], radius: number): AreaGeometry {
  if (!(radius > 0) || !Number.isFinite(radius)) throw new Error('The brush radius must be a positive number of pixels.');
  if (points.length === 0) throw new Error('A brush stroke needs at least one point.');
  const kept: Position[] = [points[0]];
  for (const p of points) {
    const q = kept[kept.length - 1];
    if (Math.hypot(p[0] - q[0], p[1] - q[1]) >= radius / 4) kept.push(p);
  }
  const last = points[points.length - 1];
  const tail = kept[kept.length - 1];
  if (tail[0] !== last[0] || tail[1] !== last[1]) kept.push(last);
  const n = ellipseVertexCount(radius, radius, Math.max(0.25, radius / 200));
  const parts: Ring[][] = kept.map((p) => [circle(p, radius, n)]);
  for (let i = 1; i < kept.length; i++) parts.push([band(kept[i - 1], kept[i], radius)]);
  const [first, ...rest] = parts;
  const result = fromMultiPolygon(polygonClipping.union(first, ...rest));
  if (!result) throw new Error('The brush stroke covers no area.');
  return result;
}
