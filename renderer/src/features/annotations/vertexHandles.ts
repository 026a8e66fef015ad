import type { Geometry, Position, Ring } from '../../../../shared/annotations/geometry';
import { rectangleFromCorners } from '../../../../shared/annotations/shapes';
import type { Pt } from './tools/toolTypes';

// Handles of a selected annotation that can be dragged to reshape it: polygon and line vertices, points, rectangle
// corners, and the four ends of an ellipse's axes.

/** Which vertex: `part` of a multipolygon, `ring` of a polygon, `index` along it. */
export interface HandleRef {
  part: number;
  ring: number;
  index: number;
}

export interface Handle extends HandleRef {
  x: number;
  y: number;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

function ringHandles(ring: Ring, part: number, r: number, out: Handle[]): void {
  // The closing position repeats the first: one handle for both.
  for (let i = 0; i < ring.length - 1; i++) out.push({ part, ring: r, index: i, x: ring[i][0], y: ring[i][1] });
}

function rectangleCorners(g: Extract<Geometry, { type: 'rectangle' }>): Pt[] {
  return [
    [g.x, g.y],
    [g.x + g.width, g.y],
    [g.x + g.width, g.y + g.height],
    [g.x, g.y + g.height],
  ];
}

function ellipseEnds(g: Extract<Geometry, { type: 'ellipse' }>): Pt[] {
  const c = Math.cos(g.rotation);
  const s = Math.sin(g.rotation);
  return [
    [g.cx + g.rx * c, g.cy + g.rx * s],
    [g.cx - g.ry * s, g.cy + g.ry * c],
    [g.cx - g.rx * c, g.cy - g.rx * s],
    [g.cx + g.ry * s, g.cy - g.ry * c],
  ];
}

/** Every handle of a geometry, in level-0 px. */
export function vertexHandles(g: Geometry): Handle[] {
  const out: Handle[] = [];
  switch (g.type) {
    case 'point':
      out.push({ part: 0, ring: 0, index: 0, x: g.x, y: g.y });
      break;
    case 'multipoint':
    case 'line':
      g.points.forEach(([x, y], index) => out.push({ part: 0, ring: 0, index, x, y }));
      break;
    case 'rectangle':
      rectangleCorners(g).forEach(([x, y], index) => out.push({ part: 0, ring: 0, index, x, y }));
      break;
    case 'ellipse':
      ellipseEnds(g).forEach(([x, y], index) => out.push({ part: 0, ring: 0, index, x, y }));
      break;
    case 'polygon':
      g.rings.forEach((r, i) => ringHandles(r, 0, i, out));
      break;
    case 'multipolygon':
      g.polygons.forEach((p, k) => p.forEach((r, i) => ringHandles(r, k, i, out)));
      break;
  }
  return out;
}

/** How many handles vertexHandles would return, without building them. */
export function handleCount(g: Geometry): number {
  switch (g.type) {
    case 'point':
      return 1;
    case 'multipoint':
    case 'line':
      return g.points.length;
    case 'rectangle':
    case 'ellipse':
      return 4;
    case 'polygon':
      return g.rings.reduce((n, r) => n + r.length - 1, 0);
    case 'multipolygon':
      return g.polygons.reduce((n, p) => n + p.reduce((m, r) => m + r.length - 1, 0), 0);
  }
}

/** The handle nearest (x, y) within `tolerance` level-0 px, or null. */
export function handleAt(handles: readonly Handle[], x: number, y: number, tolerance: number): Handle | null {
  let best: Handle | null = null;
  let bestD = tolerance;
  for (const h of handles) {
    const d = Math.hypot(h.x - x, h.y - y);
    if (d <= bestD) {
      best = h;
      bestD = d;
    }
  }
  return best;
}

function moveInRing(ring: Ring, index: number, p: Position): Ring {
  const out = ring.map((q) => [q[0], q[1]] as Position);
  out[index] = p;
  if (index === 0) out[out.length - 1] = [p[0], p[1]];
  return out;
}

/** The geometry with one handle dragged to p (level-0 px). The result may be invalid (check before saving). */
export function moveHandle(g: Geometry, ref: HandleRef, p: Pt): Geometry {
  const q: Position = [round2(p[0]), round2(p[1])];
  switch (g.type) {
    case 'point':
      return { type: 'point', x: q[0], y: q[1] };
    case 'multipoint':
    case 'line':
      return { ...g, points: g.points.map((v, i) => (i === ref.index ? q : ([v[0], v[1]] as Position))) };
    case 'rectangle': {
      const opposite = rectangleCorners(g)[(ref.index + 2) % 4];
      return rectangleFromCorners(q, opposite);
    }
    case 'ellipse': {
      // The dragged end sets that axis' radius; the centre and the rotation stay.
      const angle = g.rotation + (ref.index % 2 === 1 ? Math.PI / 2 : 0);
      const along = Math.abs((q[0] - g.cx) * Math.cos(angle) + (q[1] - g.cy) * Math.sin(angle));
      const r = round2(along);
      return ref.index % 2 === 0 ? { ...g, rx: r } : { ...g, ry: r };
    }
    case 'polygon':
      return { type: 'polygon', rings: g.rings.map((r, i) => (i === ref.ring ? moveInRing(r, ref.index, q) : r)) };
    case 'multipolygon':
      return {
        type: 'multipolygon',
        polygons: g.polygons.map((poly, k) => (k === ref.part ? poly.map((r, i) => (i === ref.ring ? moveInRing(r, ref.index, q) : r)) : poly)),
      };
  }
}
