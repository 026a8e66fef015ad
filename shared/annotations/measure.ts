import { ringSignedArea2, type Geometry, type Position } from './geometry';
import { ellipseRing, toPolygons } from './shapes';

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Microns per level-0 pixel along x and y. */
export interface MppXY {
  x: number;
  y: number;
}

function extend(b: Bounds, pts: readonly Position[]): void {
  for (const [x, y] of pts) {
    if (x < b.minX) b.minX = x;
    if (y < b.minY) b.minY = y;
    if (x > b.maxX) b.maxX = x;
    if (y > b.maxY) b.maxY = y;
  }
}

/** The axis-aligned bounding box in level-0 px (exact for rotated ellipses too). */
export function geometryBounds(g: Geometry): Bounds {
  switch (g.type) {
    case 'point':
      return { minX: g.x, minY: g.y, maxX: g.x, maxY: g.y };
    case 'rectangle':
      return { minX: g.x, minY: g.y, maxX: g.x + g.width, maxY: g.y + g.height };
    case 'ellipse': {
      const c = Math.cos(g.rotation);
      const s = Math.sin(g.rotation);
      const hw = Math.hypot(g.rx * c, g.ry * s);
      const hh = Math.hypot(g.rx * s, g.ry * c);
      return { minX: g.cx - hw, minY: g.cy - hh, maxX: g.cx + hw, maxY: g.cy + hh };
    }
    default: {
      const b: Bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
      if (g.type === 'multipoint' || g.type === 'line') extend(b, g.points);
      else if (g.type === 'polygon') extend(b, g.rings[0]);
      else for (const p of g.polygons) extend(b, p[0]);
      return b;
    }
  }
}

export function boundsIntersect(a: Bounds, b: Bounds): boolean {
  return a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;
}

const ringArea = (r: readonly Position[]) => Math.abs(ringSignedArea2(r)) / 2;

/** Area in square level-0 pixels (holes subtracted); 0 for points and lines. */
export function geometryArea(g: Geometry): number {
  switch (g.type) {
    case 'rectangle':
      return g.width * g.height;
    case 'ellipse':
      return Math.PI * g.rx * g.ry;
    case 'polygon':
    case 'multipolygon': {
      const polygons = g.type === 'polygon' ? [g.rings] : g.polygons;
      return polygons.reduce((sum, rings) => sum + rings.reduce((s, r, i) => s + (i === 0 ? ringArea(r) : -ringArea(r)), 0), 0);
    }
    default:
      return 0;
  }
}

function pathLength(pts: readonly Position[], sx = 1, sy = 1): number {
  let len = 0;
  for (let i = 1; i < pts.length; i++) len += Math.hypot((pts[i][0] - pts[i - 1][0]) * sx, (pts[i][1] - pts[i - 1][1]) * sy);
  return len;
}

/** Ramanujan's second approximation of an ellipse's circumference (relative error below 1e-9 for ry/rx > 0.1). */
function ellipseCircumference(a: number, b: number): number {
  const h = ((a - b) * (a - b)) / ((a + b) * (a + b));
  return Math.PI * (a + b) * (1 + (3 * h) / (10 + Math.sqrt(4 - 3 * h)));
}

/**
 * Length in µm-scaled units: with sx = sy = 1 the result is in level-0 pixels. A line's length, or the perimeter of
 * an areal shape (every ring, holes included); 0 for points.
 */
function scaledLength(g: Geometry, sx: number, sy: number): number {
  switch (g.type) {
    case 'line':
      return pathLength(g.points, sx, sy);
    case 'rectangle':
      return 2 * (g.width * sx + g.height * sy);
    case 'ellipse':
      if (sx === sy) return ellipseCircumference(g.rx, g.ry) * sx;
      return pathLength(ellipseRing(g, 0.05), sx, sy);
    case 'polygon':
    case 'multipolygon':
      return (toPolygons(g) ?? []).reduce((sum, rings) => sum + rings.reduce((s, r) => s + pathLength(r, sx, sy), 0), 0);
    default:
      return 0;
  }
}

/** A line's length or an areal shape's perimeter, in level-0 pixels. */
export function geometryLength(g: Geometry): number {
  return scaledLength(g, 1, 1);
}

export interface Measurements {
  areaPx: number;
  lengthPx: number;
  /** null when the slide's pixel size is not known. */
  areaUm2: number | null;
  lengthUm: number | null;
}

/** Area and length (a line's length, a shape's perimeter) in pixels, and in µm when the slide's mpp is known. */
export function measure(g: Geometry, mpp: MppXY | null): Measurements {
  const areaPx = geometryArea(g);
  const lengthPx = geometryLength(g);
  return {
    areaPx,
    lengthPx,
    areaUm2: mpp ? areaPx * mpp.x * mpp.y : null,
    lengthUm: mpp ? (mpp.x === mpp.y ? lengthPx * mpp.x : scaledLength(g, mpp.x, mpp.y)) : null,
  };
}

/** "850 µm", "12.4 µm", "3.25 mm" — for a ruler label. */
export function formatLengthUm(um: number): string {
  if (um >= 1000) return `${(um / 1000).toFixed(um >= 10_000 ? 1 : 2)} mm`;
  if (um >= 100) return `${um.toFixed(0)} µm`;
  return `${um.toFixed(um >= 10 ? 1 : 2)} µm`;
}

/** "0.042 mm²", "1,250 µm²" — for an area label. */
export function formatAreaUm2(um2: number): string {
  if (um2 >= 100_000) return `${(um2 / 1_000_000).toFixed(um2 >= 10_000_000 ? 2 : 3)} mm²`;
  return `${Math.round(um2).toLocaleString('en')} µm²`;
}
