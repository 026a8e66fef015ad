import type { Geometry, Position } from '../../../../shared/annotations/geometry';

const r2 = (v: number) => Math.round(v * 100) / 100;
const rp = (p: Position): Position => [r2(p[0]), r2(p[1])];

/** Coordinates rounded to 1/100 px (what a drag can mean; keeps stored geometry free of float noise). */
export function roundGeometry(g: Geometry): Geometry {
  switch (g.type) {
    case 'point':
      return { type: 'point', x: r2(g.x), y: r2(g.y) };
    case 'multipoint':
    case 'line':
      return { type: g.type, points: g.points.map(rp) };
    case 'rectangle':
      return { type: 'rectangle', x: r2(g.x), y: r2(g.y), width: r2(g.width), height: r2(g.height) };
    case 'ellipse':
      return { ...g, cx: r2(g.cx), cy: r2(g.cy), rx: r2(g.rx), ry: r2(g.ry) };
    case 'polygon':
      return { type: 'polygon', rings: g.rings.map((r) => r.map(rp)) };
    case 'multipolygon':
      return { type: 'multipolygon', polygons: g.polygons.map((p) => p.map((r) => r.map(rp))) };
  }
}
