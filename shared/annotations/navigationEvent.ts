import type { AnnotationGeometry as RecordedGeometry } from '../navigation/schema';
import { ringSignedArea2, type Geometry, type Position } from './geometry';
import { geometryBounds } from './measure';
import { ellipseRing } from './shapes';

const open = (ring: readonly Position[]): Position[] => ring.slice(0, -1).map((p) => [p[0], p[1]]);

/**
 * The simpler geometry a recorded navigation session carries for an annotation edit (point, rect or polygon):
 * rectangles stay rects, areal shapes become their outer ring (the largest part of a multipolygon), lines of three or
 * more points their vertex path, and anything else its bounding box (or a point when that box is flat).
 */
export function toRecordedGeometry(g: Geometry): RecordedGeometry {
  const boxOrPoint = (): RecordedGeometry => {
    const b = geometryBounds(g);
    if (b.maxX > b.minX && b.maxY > b.minY) return { kind: 'rect', x0: b.minX, y0: b.minY, x1: b.maxX, y1: b.maxY };
    return { kind: 'point', x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2 };
  };
  switch (g.type) {
    case 'point':
      return { kind: 'point', x: g.x, y: g.y };
    case 'rectangle':
      return { kind: 'rect', x0: g.x, y0: g.y, x1: g.x + g.width, y1: g.y + g.height };
    case 'ellipse':
      return { kind: 'polygon', points: open(ellipseRing(g)) };
    case 'polygon':
      return { kind: 'polygon', points: open(g.rings[0]) };
    case 'multipolygon': {
      const largest = g.polygons.reduce((best, p) => (Math.abs(ringSignedArea2(p[0])) > Math.abs(ringSignedArea2(best[0])) ? p : best));
      return { kind: 'polygon', points: open(largest[0]) };
    }
    case 'line':
      return g.points.length >= 3 ? { kind: 'polygon', points: g.points.map((p) => [p[0], p[1]]) } : boxOrPoint();
    case 'multipoint':
      return g.points.length === 1 ? { kind: 'point', x: g.points[0][0], y: g.points[0][1] } : boxOrPoint();
  }
}

