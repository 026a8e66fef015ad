import type { AnnotationGeometry as RecordedGeometry } from '../navigation/schema';
import type { Bounds } from './measure';
import type { Geometry, Position, Ring } from './geometry';

const copy = (points: readonly Position[]): Position[] => points.map((p) => [p[0], p[1]]);
const open = (ring: Ring): Position[] => copy(ring.slice(0, -1));
const close = (points: readonly Position[]): Ring => [...copy(points), [points[0][0], points[0][1]]];

function polygonBody(rings: Ring[]): { points: Position[]; holes?: Position[][] } {
  return rings.length > 1 ? { points: open(rings[0]), holes: rings.slice(1).map(open) } : { points: open(rings[0]) };
}

const DEG = 180 / Math.PI;

/**
 * The geometry a recorded navigation session carries for an annotation edit: the annotation's own shape, with rings
 * written open (the closing position is not repeated) and an ellipse's rotation in degrees, like the viewport's.
 */
export function toRecordedGeometry(g: Geometry): RecordedGeometry {
  switch (g.type) {
    case 'point':
      return { kind: 'point', x: g.x, y: g.y };
    case 'multipoint':
      return { kind: 'multipoint', points: copy(g.points) };
    case 'line':
      return { kind: 'line', points: copy(g.points) };
    case 'rectangle':
      return { kind: 'rect', x0: g.x, y0: g.y, x1: g.x + g.width, y1: g.y + g.height };
    case 'ellipse':
      return { kind: 'ellipse', cx: g.cx, cy: g.cy, rx: g.rx, ry: g.ry, rotation: g.rotation * DEG };
    case 'polygon':
      return { kind: 'polygon', ...polygonBody(g.rings) };
    case 'multipolygon':
      return { kind: 'multipolygon', polygons: g.polygons.map(polygonBody) };
  }
}

/** The annotation geometry a recorded one stands for (the inverse of toRecordedGeometry, for any recorded kind). */
export function fromRecordedGeometry(r: RecordedGeometry): Geometry {
  const rings = (p: { points: Position[]; holes?: Position[][] }): Ring[] => [close(p.points), ...(p.holes ?? []).map(close)];
  switch (r.kind) {
    case 'point':
      return { type: 'point', x: r.x, y: r.y };
    case 'multipoint':
      return { type: 'multipoint', points: copy(r.points) };
    case 'line':
      return { type: 'line', points: copy(r.points) };
    case 'rect':
      return { type: 'rectangle', x: r.x0, y: r.y0, width: r.x1 - r.x0, height: r.y1 - r.y0 };
    case 'ellipse':
      return { type: 'ellipse', cx: r.cx, cy: r.cy, rx: r.rx, ry: r.ry, rotation: r.rotation / DEG };
    case 'polygon':
      return { type: 'polygon', rings: rings(r) };
    case 'multipolygon':
      return { type: 'multipolygon', polygons: r.polygons.map(rings) };
  }
}

/** Ids as the ascending ranges an `import` event names them by: [3, 1, 2, 7] → "1-3,7". */
export function formatIdRanges(ids: Iterable<number>): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The box an `import` event gives as its geometry: a rect around everything imported (a line or point when flat). */
export function recordedBox(b: Bounds): RecordedGeometry {
  if (b.maxX > b.minX && b.maxY > b.minY) return { kind: 'rect', x0: b.minX, y0: b.minY, x1: b.maxX, y1: b.maxY };
  if (b.maxX > b.minX || b.maxY > b.minY) return { kind: 'line', points: [[b.minX, b.minY], [b.maxX, b.maxY]] };
  return { kind: 'point', x: b.minX, y: b.minY };
}
