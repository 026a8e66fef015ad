import { measure, formatLengthUm } from '../../../../shared/annotations/measure';
import type { Annotation, Mpp } from '../../../../shared/contract';
import { addGeometryPath, addSpeck } from './geometryPath';
import type { ViewTransform } from './viewTransform';

export const UNCLASSIFIED_COLOUR = '#ffb000';
export const FILL_ALPHA = 0.22;
/** Rulers get a length label while no more than this many lines are in view. */
const MAX_LABELLED_LINES = 100;
/**
 * Shapes per canvas path. One path per shape costs a fill and a stroke call each; one path for thousands of shapes
 * is far slower still (rasterising a path grows faster than its number of contours). A few dozen is the sweet spot.
 */
const BATCH = 32;

export interface BaseLayerInput {
  annotations: ReadonlyMap<number, Annotation>;
  /** The ids to draw (from the spatial index). */
  ids: Iterable<number>;
  /** Ids drawn elsewhere right now (being dragged). */
  skip: ReadonlySet<number>;
  colourOf(classId: number | null): string;
  fill: boolean;
  mpp: Mpp | null;
}

/** Shapes of one colour and kind drawn as one path; `labels` are ruler lengths. */
export type Batch =
  | { kind: 'area' | 'holed' | 'line' | 'point'; colour: string; items: Annotation[] }
  | { kind: 'labels'; items: Annotation[] };

/** Groups what is to be drawn by colour and kind, in batches. Areas with holes are filled one by one (even-odd). */
export function drawBatches(input: BaseLayerInput): Batch[] {
  const groups = new Map<string, Annotation[]>();
  const lines: Annotation[] = [];
  for (const id of input.ids) {
    if (input.skip.has(id)) continue;
    const a = input.annotations.get(id);
    if (!a) continue;
    const type = a.geometry.type;
    const kind = type === 'line' ? 'line' : type === 'point' || type === 'multipoint' ? 'point' : hasHoles(a) ? 'holed' : 'area';
    const key = `${kind} ${input.colourOf(a.classId)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(a);
    if (kind === 'line') lines.push(a);
  }
  const out: Batch[] = [];
  for (const [key, items] of groups) {
    const [kind, colour] = key.split(' ') as ['area' | 'holed' | 'line' | 'point', string];
    const size = kind === 'holed' ? 1 : BATCH;
    for (let i = 0; i < items.length; i += size) out.push({ kind, colour, items: items.slice(i, i + size) });
  }
  if (lines.length > 0 && lines.length <= MAX_LABELLED_LINES) out.push({ kind: 'labels', items: lines });
  return out;
}

/** Draws one batch with the transform `t` (level-0 px → the context's CSS px). */
export function drawBatch(ctx: CanvasRenderingContext2D, b: Batch, t: ViewTransform, fill: boolean, mpp: Mpp | null): void {
  if (b.kind === 'labels') {
    for (const a of b.items) drawLineLabel(ctx, a, mpp, t);
    return;
  }
  ctx.lineJoin = 'round';
  ctx.strokeStyle = b.colour;
  ctx.fillStyle = b.colour;
  ctx.beginPath();
  if (b.kind === 'area' || b.kind === 'holed') {
    for (const a of b.items) {
      const { minX, minY, maxX, maxY } = a.bounds;
      if (Math.max(maxX - minX, maxY - minY) * t.scale < 2) addSpeck(ctx, (minX + maxX) / 2, (minY + maxY) / 2, t);
      else addGeometryPath(ctx, a.geometry, t);
    }
    if (fill) {
      ctx.globalAlpha = FILL_ALPHA;
      ctx.fill(b.kind === 'holed' ? 'evenodd' : 'nonzero');
      ctx.globalAlpha = 1;
    }
    // One CSS px: hairlines are drawn far faster than wider strokes.
    ctx.lineWidth = 1;
    ctx.stroke();
  } else if (b.kind === 'line') {
    for (const a of b.items) addGeometryPath(ctx, a.geometry, t);
    ctx.lineWidth = 2;
    ctx.stroke();
  } else {
    for (const a of b.items) addGeometryPath(ctx, a.geometry, t);
    ctx.fill();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1;
    ctx.stroke();
  }
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
