import { measure, formatLengthUm } from '../../../../shared/annotations/measure';
import type { Annotation, Mpp } from '../../../../shared/contract';
import { addGeometryPath, addSpeck } from './geometryPath';
import type { ViewTransform } from './viewTransform';

export const UNCLASSIFIED_COLOUR = '#ffb000';
export const FILL_ALPHA = 0.22;
/** Rulers get a length label while no more than this many lines are in view. */
const MAX_LABELLED_LINES = 100;

export interface BaseLayerInput {
  annotations: ReadonlyMap<number, Annotation>;
  /** The ids in view (from the spatial index). */
  ids: Iterable<number>;
  /** Ids drawn elsewhere right now (being dragged). */
  skip: ReadonlySet<number>;
  colourOf(classId: number | null): string;
  t: ViewTransform;
  fill: boolean;
  mpp: Mpp | null;
}

interface Bucket {
  areas: Annotation[];
  /** Areas with holes: filled one by one (even-odd), so overlapping areas of one colour still fill as a union. */
  holed: Annotation[];
  lines: Annotation[];
  points: Annotation[];
}

/**
 * Draws the annotations in view, batched by colour (one path, one fill and one stroke per colour and kind rather than
 * per shape). Returns how many were drawn.
 */
export function drawAnnotations(ctx: CanvasRenderingContext2D, input: BaseLayerInput): number {
  const { t } = input;
  const buckets = new Map<string, Bucket>();
  let count = 0;
  for (const id of input.ids) {
    if (input.skip.has(id)) continue;
    const a = input.annotations.get(id);
    if (!a) continue;
    const colour = input.colourOf(a.classId);
    let b = buckets.get(colour);
    if (!b) buckets.set(colour, (b = { areas: [], holed: [], lines: [], points: [] }));
    const type = a.geometry.type;
    (type === 'line' ? b.lines : type === 'point' || type === 'multipoint' ? b.points : hasHoles(a) ? b.holed : b.areas).push(a);
    count++;
  }
  ctx.lineJoin = 'round';
  const labelled: Annotation[] = [];
  for (const [colour, b] of buckets) {
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    if (b.areas.length) {
      ctx.beginPath();
      for (const a of b.areas) {
        const { minX, minY, maxX, maxY } = a.bounds;
        if (Math.max(maxX - minX, maxY - minY) * t.scale < 2) addSpeck(ctx, (minX + maxX) / 2, (minY + maxY) / 2, t);
        else addGeometryPath(ctx, a.geometry, t);
      }
      if (input.fill) {
        ctx.globalAlpha = FILL_ALPHA;
        ctx.fill('nonzero');
        ctx.globalAlpha = 1;
      }
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
    for (const a of b.holed) {
      ctx.beginPath();
      addGeometryPath(ctx, a.geometry, t);
      if (input.fill) {
        ctx.globalAlpha = FILL_ALPHA;
        ctx.fill('evenodd');
        ctx.globalAlpha = 1;
      }
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
    if (b.lines.length) {
      ctx.beginPath();
      for (const a of b.lines) addGeometryPath(ctx, a.geometry, t);
      ctx.lineWidth = 2;
      ctx.stroke();
      labelled.push(...b.lines);
    }
    if (b.points.length) {
      ctx.beginPath();
      for (const a of b.points) addGeometryPath(ctx, a.geometry, t);
      ctx.fill();
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1;
      ctx.stroke();
    }
  }
  if (labelled.length <= MAX_LABELLED_LINES) for (const a of labelled) drawLineLabel(ctx, a, input.mpp, t);
  return count;
}

function hasHoles(a: Annotation): boolean {
  const g = a.geometry;
  return (g.type === 'polygon' && g.rings.length > 1) || (g.type === 'multipolygon' && g.polygons.some((p) => p.length > 1));
}

/** "125 µm" (or px when the pixel size is unknown) next to a ruler's last point. */
export function rulerText(a: Pick<Annotation, 'geometry'>, mpp: Mpp | null): string {
  const m = measure(a.geometry, mpp);
  return m.lengthUm !== null ? formatLengthUm(m.lengthUm) : `${m.lengthPx.toFixed(0)} px`;
}

export function drawLabel(ctx: CanvasRenderingContext2D, text: string, x: number, y: number): void {
  ctx.font = '12px system-ui, sans-serif';
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(255,255,255,0.9)';
  ctx.fillStyle = '#111';
  ctx.strokeText(text, x, y);
  ctx.fillText(text, x, y);
}

function drawLineLabel(ctx: CanvasRenderingContext2D, a: Annotation, mpp: Mpp | null, t: ViewTransform): void {
  if (a.geometry.type !== 'line') return;
  const [x, y] = a.geometry.points[a.geometry.points.length - 1];
  drawLabel(ctx, rulerText(a, mpp), t.a * x + t.c * y + t.e + 8, t.b * x + t.d * y + t.f - 6);
}
