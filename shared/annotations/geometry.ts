import { z } from 'zod';

// Annotation geometry, in level-0 pixels of the slide (x to the right, y down, origin at the top-left corner).
// Rectangles and ellipses are stored as such (so they stay editable as what they are) and become polygons only on
// export or in boolean operations. Polygon rings are closed: the last position repeats the first.

export type Position = [number, number];
/** A closed ring: at least 4 positions, the last equal to the first. */
export type Ring = Position[];

export interface PointGeometry {
  type: 'point';
  x: number;
  y: number;
}
export interface MultiPointGeometry {
  type: 'multipoint';
  points: Position[];
}
/** An open polyline (a ruler when it has two points). */
export interface LineGeometry {
  type: 'line';
  points: Position[];
}
/** Axis-aligned; (x, y) is the top-left corner. */
export interface RectangleGeometry {
  type: 'rectangle';
  x: number;
  y: number;
  width: number;
  height: number;
}
/** Centre, radii and a rotation in radians (positive turns +x towards +y, i.e. clockwise on screen). */
export interface EllipseGeometry {
  type: 'ellipse';
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  rotation: number;
}
/** rings[0] is the outer boundary; any further rings are holes. */
export interface PolygonGeometry {
  type: 'polygon';
  rings: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'multipolygon';
  polygons: Ring[][];
}

export type Geometry =
  | PointGeometry
  | MultiPointGeometry
  | LineGeometry
  | RectangleGeometry
  | EllipseGeometry
  | PolygonGeometry
  | MultiPolygonGeometry;
export type GeometryType = Geometry['type'];
export const GEOMETRY_TYPES: readonly GeometryType[] = ['point', 'multipoint', 'line', 'rectangle', 'ellipse', 'polygon', 'multipolygon'];

/** No coordinate may lie further than this from the origin (10 million px is metres of tissue at any scan resolution). */
export const MAX_COORDINATE = 10_000_000;
/** Vertices (positions) in one annotation. */
export const MAX_VERTICES = 500_000;
/** Rings in one polygon, and polygons in one multipolygon. */
export const MAX_PARTS = 10_000;

export interface GeometryIssue {
  /** Where in the geometry, e.g. ['rings', 0, 3]. */
  path: (string | number)[];
  message: string;
}

const samePos = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

function coordIssue(v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a finite number';
  if (Math.abs(v) > MAX_COORDINATE) return `is beyond ±${MAX_COORDINATE.toLocaleString('en')} px`;
  return null;
}

const goodCoord = (v: unknown) => typeof v === 'number' && v >= -MAX_COORDINATE && v <= MAX_COORDINATE;

/** Checks a list of positions; allocates nothing unless something is wrong (rings can hold 100,000s of them). */
function positionsIssues(list: readonly unknown[], path: (string | number)[], out: GeometryIssue[]): void {
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (Array.isArray(p) && p.length === 2 && goodCoord(p[0]) && goodCoord(p[1])) continue;
    if (!Array.isArray(p) || p.length !== 2) {
      out.push({ path: [...path, i], message: 'must be an [x, y] pair' });
      return;
    }
    for (let k = 0; k < 2; k++) {
      const m = coordIssue(p[k]);
      if (m) out.push({ path: [...path, i, k], message: `${k === 0 ? 'x' : 'y'} ${m}` });
    }
    return;
  }
}

/** How many distinct points the list has, counting no further than `enough`. */
function distinctUpTo(r: readonly Position[], enough: number): number {
  const seen: Position[] = [];
  for (const p of r) {
    if (!seen.some((q) => q[0] === p[0] && q[1] === p[1])) {
      seen.push(p);
      if (seen.length >= enough) break;
    }
  }
  return seen.length;
}

/** Twice the signed area of a ring (shoelace); 0 when all its points lie on one line. */
export function ringSignedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s;
}

function ringIssues(ring: unknown, path: (string | number)[], out: GeometryIssue[]): void {
  if (!Array.isArray(ring)) {
    out.push({ path, message: 'must be a list of [x, y] positions' });
    return;
  }
  const before = out.length;
  positionsIssues(ring, path, out);
  if (out.length > before) return;
  const r = ring as Position[];
  if (r.length < 4 || !samePos(r[0], r[r.length - 1])) {
    if (r.length > 0 && !samePos(r[0], r[r.length - 1])) out.push({ path, message: 'is not closed: its last position must repeat its first' });
    else out.push({ path, message: `has ${r.length} positions; a closed ring needs at least 4 (3 distinct points and the first repeated)` });
    return;
  }
  const distinct = distinctUpTo(r, 3);
  if (distinct < 3) {
    out.push({ path, message: `has only ${distinct} distinct point${distinct === 1 ? '' : 's'}; a ring needs at least 3` });
    return;
  }
  if (ringSignedArea2(r) === 0) out.push({ path, message: 'has no area (all its points lie on one line)' });
}

function ringBox(r: Position[]): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of r) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

function polygonIssues(rings: unknown, path: (string | number)[], out: GeometryIssue[]): void {
  if (!Array.isArray(rings) || rings.length === 0) {
    out.push({ path, message: 'must be a non-empty list of rings (the outer boundary first, then any holes)' });
    return;
  }
  if (rings.length > MAX_PARTS) {
    out.push({ path, message: `has ${rings.length} rings; at most ${MAX_PARTS} are allowed` });
    return;
  }
  const before = out.length;
  rings.forEach((r, i) => ringIssues(r, [...path, i], out));
  if (out.length > before) return;
  const outer = ringBox(rings[0] as Position[]);
  for (let i = 1; i < rings.length; i++) {
    const b = ringBox(rings[i] as Position[]);
    if (b[0] < outer[0] || b[1] < outer[1] || b[2] > outer[2] || b[3] > outer[3]) {
      out.push({ path: [...path, i], message: 'is a hole that reaches outside the outer ring' });
    }
  }
}

function countVertices(g: Geometry): number {
  switch (g.type) {
    case 'multipoint':
    case 'line':
      return Array.isArray(g.points) ? g.points.length : 0;
    case 'polygon':
      return Array.isArray(g.rings) ? g.rings.reduce((n, r) => n + (Array.isArray(r) ? r.length : 0), 0) : 0;
    case 'multipolygon':
      return Array.isArray(g.polygons)
        ? g.polygons.reduce((n, p) => n + (Array.isArray(p) ? p.reduce((m, r) => m + (Array.isArray(r) ? r.length : 0), 0) : 0), 0)
        : 0;
    default:
      return 1;
  }
}

/**
 * Everything wrong with a geometry, each with its place (empty when it is valid): finite coordinates within
 * ±MAX_COORDINATE, closed rings of at least 3 distinct points with an area, holes inside their outer ring, positive
 * sizes, and no more than MAX_VERTICES positions.
 */
export function geometryIssues(g: Geometry): GeometryIssue[] {
  const out: GeometryIssue[] = [];
  const n = countVertices(g);
  if (n > MAX_VERTICES) return [{ path: [], message: `has ${n.toLocaleString('en')} positions; at most ${MAX_VERTICES.toLocaleString('en')} are allowed` }];
  const num = (v: unknown, key: string) => {
    const m = coordIssue(v);
    if (m) out.push({ path: [key], message: m });
  };
  switch (g.type) {
    case 'point':
      num(g.x, 'x');
      num(g.y, 'y');
      break;
    case 'multipoint':
      if (!Array.isArray(g.points) || g.points.length === 0) out.push({ path: ['points'], message: 'needs at least one point' });
      else positionsIssues(g.points, ['points'], out);
      break;
    case 'line': {
      if (!Array.isArray(g.points)) {
        out.push({ path: ['points'], message: 'must be a list of [x, y] positions' });
        break;
      }
      positionsIssues(g.points, ['points'], out);
      if (out.length === 0 && distinctUpTo(g.points, 2) < 2) {
        out.push({ path: ['points'], message: 'a line needs at least 2 distinct points' });
      }
      break;
    }
    case 'rectangle':
      num(g.x, 'x');
      num(g.y, 'y');
      for (const k of ['width', 'height'] as const) {
        const v = g[k];
        if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) out.push({ path: [k], message: 'must be a positive number' });
        else if (v > 2 * MAX_COORDINATE) out.push({ path: [k], message: `is beyond ${2 * MAX_COORDINATE} px` });
      }
      if (out.length === 0) {
        num(g.x + g.width, 'width');
        num(g.y + g.height, 'height');
      }
      break;
    case 'ellipse':
      num(g.cx, 'cx');
      num(g.cy, 'cy');
      for (const k of ['rx', 'ry'] as const) {
        const v = g[k];
        if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) out.push({ path: [k], message: 'must be a positive number' });
        else if (v > MAX_COORDINATE) out.push({ path: [k], message: `is beyond ${MAX_COORDINATE} px` });
      }
      if (typeof g.rotation !== 'number' || !Number.isFinite(g.rotation)) out.push({ path: ['rotation'], message: 'must be a finite number (radians)' });
      break;
    case 'polygon':
      polygonIssues(g.rings, ['rings'], out);
      break;
    case 'multipolygon':
      if (!Array.isArray(g.polygons) || g.polygons.length === 0) out.push({ path: ['polygons'], message: 'needs at least one polygon' });
      else if (g.polygons.length > MAX_PARTS) out.push({ path: ['polygons'], message: `has ${g.polygons.length} polygons; at most ${MAX_PARTS} are allowed` });
      else g.polygons.forEach((p, i) => polygonIssues(p, ['polygons', i], out));
      break;
    default:
      out.push({ path: ['type'], message: `"${(g as { type: unknown }).type}" is not a geometry type (${GEOMETRY_TYPES.join(', ')})` });
  }
  return out;
}

/** "rings[0][3]: x must be a finite number" */
export function describeIssue(issue: GeometryIssue): string {
  const where = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  return where ? `${where} ${issue.message}` : issue.message;
}

const num = z.number();
const position = z.tuple([num, num]);

const structure = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('point'), x: num, y: num }),
  z.strictObject({ type: z.literal('multipoint'), points: z.array(position) }),
  z.strictObject({ type: z.literal('line'), points: z.array(position) }),
  z.strictObject({ type: z.literal('rectangle'), x: num, y: num, width: num, height: num }),
  z.strictObject({ type: z.literal('ellipse'), cx: num, cy: num, rx: num, ry: num, rotation: num.default(0) }),
  z.strictObject({ type: z.literal('polygon'), rings: z.array(z.array(position)) }),
  z.strictObject({ type: z.literal('multipolygon'), polygons: z.array(z.array(z.array(position))) }),
]);

/** The zod schema of a valid geometry (structure plus every check of geometryIssues). */
export const GeometrySchema = structure.superRefine((g, ctx) => {
  for (const issue of geometryIssues(g as Geometry).slice(0, 10)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
