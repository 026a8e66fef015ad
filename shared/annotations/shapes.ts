import type { EllipseGeometry, Geometry, Position, RectangleGeometry, Ring } from './geometry';

/** Closes an open list of points into a ring (repeats the first point at the end when it is not already there). */
export function closeRing(points: readonly Position[]): Ring {
  const ring = points.map((p) => [p[0], p[1]] as Position);
  if (ring.length > 0) {
    const a = ring[0];
    const b = ring[ring.length - 1];
    if (a[0] !== b[0] || a[1] !== b[1]) ring.push([a[0], a[1]]);
  }
  return ring;
}

/** Corners top-left, top-right, bottom-right, bottom-left, closed. */
export function rectangleRing(r: Omit<RectangleGeometry, 'type'>): Ring {
  const x1 = r.x + r.width;
  const y1 = r.y + r.height;
  return [
    [r.x, r.y],
    [x1, r.y],
    [x1, y1],
    [r.x, y1],
    [r.x, r.y],
  ];
}

/** The rectangle spanned by two opposite corners (in any order), as drawn by dragging. */
export function rectangleFromCorners(a: Position, b: Position): RectangleGeometry {
  return { type: 'rectangle', x: Math.min(a[0], b[0]), y: Math.min(a[1], b[1]), width: Math.abs(b[0] - a[0]), height: Math.abs(b[1] - a[1]) };
}

/** The rectangle a closed ring describes, when it is exactly an axis-aligned rectangle (4 corners); otherwise null. */
export function ringAsRectangle(ring: readonly Position[]): RectangleGeometry | null {
  if (ring.length !== 5) return null;
  const [a, , , , e] = ring;
  if (a[0] !== e[0] || a[1] !== e[1]) return null;
  const xs = new Set(ring.map((p) => p[0]));
  const ys = new Set(ring.map((p) => p[1]));
  if (xs.size !== 2 || ys.size !== 2) return null;
  // Consecutive corners must differ in exactly one coordinate (no diagonal edges).
  for (let i = 0; i < 4; i++) {
    const dx = ring[i][0] !== ring[i + 1][0];
    const dy = ring[i][1] !== ring[i + 1][1];
    if (dx === dy) return null;
  }
  const [x0, x1] = [...xs].sort((p, q) => p - q);
  const [y0, y1] = [...ys].sort((p, q) => p - q);
  return { type: 'rectangle', x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Vertices needed so that no point of the polygon is further than `tolerance` px inside the true ellipse. */
export function ellipseVertexCount(rx: number, ry: number, tolerance = 0.25): number {
  const r = Math.max(rx, ry);
  if (r <= tolerance) return 16;
  const n = Math.ceil(Math.PI / Math.acos(1 - tolerance / r));
  return Math.min(1024, Math.max(16, Math.ceil(n / 4) * 4));
}

/** The ellipse as a closed polygon ring whose vertices lie on the ellipse, starting at the end of the rx axis. */
export function ellipseRing(e: Omit<EllipseGeometry, 'type'>, tolerance = 0.25): Ring {
  const n = ellipseVertexCount(e.rx, e.ry, tolerance);
  const cos = Math.cos(e.rotation);
  const sin = Math.sin(e.rotation);
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const u = e.rx * Math.cos(t);
    const v = e.ry * Math.sin(t);
    ring.push([e.cx + u * cos - v * sin, e.cy + u * sin + v * cos]);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/** Where (x, y) lies relative to the ellipse: 1 on it, < 1 inside, > 1 outside (the normalised radius). */
export function ellipseRadius(e: Omit<EllipseGeometry, 'type'>, x: number, y: number): number {
  const dx = x - e.cx;
  const dy = y - e.cy;
  const cos = Math.cos(e.rotation);
  const sin = Math.sin(e.rotation);
  const u = dx * cos + dy * sin;
  const v = -dx * sin + dy * cos;
  return Math.hypot(u / e.rx, v / e.ry);
}

/** True when every vertex of the ring lies within `tolerance` px of the ellipse (so the ring is that ellipse, drawn as a polygon). */
export function ringMatchesEllipse(ring: readonly Position[], e: Omit<EllipseGeometry, 'type'>, tolerance = 1): boolean {
  if (ring.length < 9) return false;
  const slack = tolerance / Math.min(e.rx, e.ry);
  return ring.every(([x, y]) => Math.abs(ellipseRadius(e, x, y) - 1) <= slack);
}

/** The polygons covering an areal geometry (rectangles and ellipses as polygons); null for points and lines. */
export function toPolygons(g: Geometry, tolerance = 0.25): Ring[][] | null {
  switch (g.type) {
    case 'rectangle':
      return [[rectangleRing(g)]];
    case 'ellipse':
      return [[ellipseRing(g, tolerance)]];
    case 'polygon':
      return [g.rings];
    case 'multipolygon':
      return g.polygons;
    default:
      return null;
  }
}

const moveRing = (r: readonly Position[], dx: number, dy: number): Ring => r.map((p) => [p[0] + dx, p[1] + dy] as Position);

/** The geometry moved by (dx, dy) level-0 pixels. */
export function translateGeometry<G extends Geometry>(g: G, dx: number, dy: number): G {
  switch (g.type) {
    case 'point':
      return { ...g, x: g.x + dx, y: g.y + dy };
    case 'multipoint':
    case 'line':
      return { ...g, points: moveRing(g.points, dx, dy) };
    case 'rectangle':
      return { ...g, x: g.x + dx, y: g.y + dy };
    case 'ellipse':
      return { ...g, cx: g.cx + dx, cy: g.cy + dy };
    case 'polygon':
      return { ...g, rings: g.rings.map((r) => moveRing(r, dx, dy)) };
    case 'multipolygon':
      return { ...g, polygons: g.polygons.map((p) => p.map((r) => moveRing(r, dx, dy))) };
  }
  return g;
}

/** Even-odd test of a point against one ring. */
export function pointInRing(x: number, y: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segmentDistance(x: number, y: number, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len2));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

function pathDistance(x: number, y: number, pts: readonly Position[]): number {
  if (pts.length === 1) return Math.hypot(x - pts[0][0], y - pts[0][1]);
  let best = Infinity;
  for (let i = 1; i < pts.length; i++) best = Math.min(best, segmentDistance(x, y, pts[i - 1], pts[i]));
  return best;
}

function polygonContains(x: number, y: number, rings: readonly Ring[]): boolean {
  if (!pointInRing(x, y, rings[0])) return false;
  for (let i = 1; i < rings.length; i++) if (pointInRing(x, y, rings[i])) return false;
  return true;
}

/**
 * Distance in level-0 px from (x, y) to the geometry: 0 inside an areal shape, else to its nearest edge or point.
 * For picking: divide a screen tolerance by the zoom and compare.
 */
export function distanceToGeometry(g: Geometry, x: number, y: number): number {
  switch (g.type) {
    case 'point':
      return Math.hypot(x - g.x, y - g.y);
    case 'multipoint':
      return g.points.reduce((d, p) => Math.min(d, Math.hypot(x - p[0], y - p[1])), Infinity);
    case 'line':
      return pathDistance(x, y, g.points);
    case 'ellipse':
      if (ellipseRadius(g, x, y) <= 1) return 0;
      return pathDistance(x, y, ellipseRing(g, 0.5));
    default: {
      const polygons = toPolygons(g) ?? [];
      let best = Infinity;
      for (const rings of polygons) {
        if (polygonContains(x, y, rings)) return 0;
        for (const r of rings) best = Math.min(best, pathDistance(x, y, r));
      }
      return best;
    }
  }
}
