import { Clipper, ClipType, EndType, FillRule, JoinType, PolyTreeD, type PathD, type PathsD, type PolyPathD } from 'clipper2-ts';
import { geometryArea } from './measure';
import { ringSignedArea2, type Geometry, type MultiPolygonGeometry, type PolygonGeometry, type Position, type Ring } from './geometry';
import { toPolygons } from './shapes';

// Boolean operations for the brush and the eraser, on Clipper2 (integer arithmetic inside, so coincident and
// touching edges, which brush strokes are full of, are handled exactly). Results are polygons (with holes) or
// multipolygons rounded to 1/100 px; rectangles and ellipses taking part become polygons.

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** Decimal places kept in results (level-0 px). */
const PRECISION = 2;

/** Pieces smaller than this (px²) are dropped from results: slivers left by an eraser edge. */
export const MIN_PIECE_AREA = 0.5;

function toPath(ring: readonly Position[], positive: boolean): PathD {
  const open = ring.slice(0, -1);
  const isPositive = ringSignedArea2(ring) > 0;
  const ordered = isPositive === positive ? open : [...open].reverse();
  return ordered.map(([x, y]) => ({ x, y }));
}

/** Outer rings one way round and holes the other, so the non-zero fill rule reads any input the same. */
function pathsOf(g: Geometry): PathsD {
  const polygons = toPolygons(g);
  if (!polygons) throw new Error(`A ${g.type} has no area: only rectangles, ellipses, polygons and multipolygons take part in brush and eraser operations.`);
  return polygons.flatMap((rings) => rings.map((r, i) => toPath(r, i === 0)));
}

function toRing(path: PathD): Ring {
  const ring: Ring = path.map((p) => [p.x, p.y]);
  ring.push([path[0].x, path[0].y]);
  return ring;
}

/** Walks Clipper's outer/hole tree into polygons with holes (an island inside a hole is a polygon of its own). */
function fromTree(tree: PolyTreeD): AreaGeometry | null {
  const polygons: Ring[][] = [];
  const visitOuter = (node: PolyPathD) => {
    const poly = node.poly;
    if (!poly || poly.length < 3) return;
    const rings: Ring[] = [toRing(poly)];
    for (let i = 0; i < node.count; i++) {
      const hole = node.child(i);
      if (hole.poly && hole.poly.length >= 3) rings.push(toRing(hole.poly));
      for (let j = 0; j < hole.count; j++) visitOuter(hole.child(j));
    }
    if (geometryArea({ type: 'polygon', rings }) >= MIN_PIECE_AREA) polygons.push(rings);
  };
  for (let i = 0; i < tree.count; i++) visitOuter(tree.child(i));
  if (polygons.length === 0) return null;
  return polygons.length === 1 ? { type: 'polygon', rings: polygons[0] } : { type: 'multipolygon', polygons };
}

function run(op: ClipType, subject: PathsD, clip: PathsD | null): AreaGeometry | null {
  const tree = new PolyTreeD();
  Clipper.booleanOpDWithPolyTree(op, subject, clip, tree, FillRule.NonZero, PRECISION);
  return fromTree(tree);
}

/** The union of areal geometries (e.g. a brush stroke added to an annotation); null when nothing is left. */
export function unionGeometries(geometries: readonly Geometry[]): AreaGeometry | null {
  if (geometries.length === 0) return null;
  return run(ClipType.Union, geometries.flatMap(pathsOf), null);
}

/** `subject` minus `cut` (an eraser stroke): may gain holes or fall apart into a multipolygon; null when erased entirely. */
export function subtractGeometry(subject: Geometry, cut: Geometry | readonly Geometry[]): AreaGeometry | null {
  const cuts = (Array.isArray(cut) ? cut : [cut]) as readonly Geometry[];
  return run(ClipType.Difference, pathsOf(subject), cuts.flatMap(pathsOf));
}

/** The overlap of two areal geometries; null when they do not overlap. */
export function intersectGeometries(a: Geometry, b: Geometry): AreaGeometry | null {
  return run(ClipType.Intersection, pathsOf(a), pathsOf(b));
}

/**
 * The area a round brush of `radius` px covers when dragged through `points` (level-0 px): the path widened by the
 * radius on each side, with round joins and ends (a single point is a disc). A stroke that crosses itself may
 * enclose holes.
 */
export function brushStroke(points: readonly Position[], radius: number): AreaGeometry {
  if (!(radius > 0) || !Number.isFinite(radius)) throw new Error('The brush radius must be a positive number of pixels.');
  if (points.length === 0) throw new Error('A brush stroke needs at least one point.');
  const arcTolerance = Math.min(1, Math.max(0.02, radius / 200));
  const widened = Clipper.inflatePathsD([points.map(([x, y]) => ({ x, y }))], radius, JoinType.Round, EndType.Round, 2, PRECISION, arcTolerance);
  const result = run(ClipType.Union, widened, null);
  if (!result) throw new Error('The brush stroke covers no area.');
  return result;
}
