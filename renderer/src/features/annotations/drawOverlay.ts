import type { Geometry } from '../../../../shared/annotations/geometry';
import { addGeometryPath } from './geometryPath';
import { FILL_ALPHA } from './drawAnnotations';
import { dragDraftGeometry } from './tools/drawingTools';
import type { Draft, ToolContext } from './tools/toolTypes';
import { handleCount, vertexHandles } from './vertexHandles';
import type { ViewTransform } from './viewTransform';

export const SELECTION_COLOUR = '#00e5ff';
export const HANDLE_PX = 7;
/** Handles are drawn (and can be grabbed) while the selection has no more vertices than this. */
export const MAX_HANDLES = 2000;

export interface Shown {
  geometry: Geometry;
  colour: string;
}

export interface TopLayerInput {
  t: ViewTransform;
  /** Shapes being dragged (moved or reshaped), drawn in their class colour. */
  dragged: Shown[];
  /** The selected shapes (their dragged geometry while dragged). */
  selected: Geometry[];
  fill: boolean;
  draft: Draft | null;
  draftColour: string;
  toolContext: ToolContext;
  /** The brush outline: centre (CSS px) and radius (CSS px). */
  brush: { x: number; y: number; r: number; erase: boolean } | null;
}

function strokeShape(ctx: CanvasRenderingContext2D, g: Geometry, t: ViewTransform, colour: string, fill: boolean, width: number): void {
  ctx.beginPath();
  addGeometryPath(ctx, g, t);
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  if (fill && g.type !== 'line') {
    ctx.globalAlpha = g.type === 'point' || g.type === 'multipoint' ? 1 : FILL_ALPHA;
    ctx.fill('evenodd');
    ctx.globalAlpha = 1;
  }
  ctx.lineWidth = width;
  ctx.stroke();
}

function drawHandles(ctx: CanvasRenderingContext2D, shapes: Geometry[], t: ViewTransform): void {
  if (shapes.reduce((n, g) => n + handleCount(g), 0) > MAX_HANDLES) return;
  const h = HANDLE_PX;
  ctx.beginPath();
  for (const g of shapes) {
    if (g.type === 'point') continue;
    for (const v of vertexHandles(g)) {
      const sx = t.a * v.x + t.c * v.y + t.e;
      const sy = t.b * v.x + t.d * v.y + t.f;
      ctx.rect(sx - h / 2, sy - h / 2, h, h);
    }
  }
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.strokeStyle = '#0b3d91';
  ctx.lineWidth = 1.25;
  ctx.stroke();
}

function drawDraft(ctx: CanvasRenderingContext2D, input: TopLayerInput): void {
  const { draft, t, draftColour } = input;
  if (!draft) return;
  ctx.save();
  if (draft.tool === 'brush') {
    ctx.beginPath();
    addGeometryPath(ctx, { type: 'line', points: draft.points.length > 1 ? draft.points : [draft.points[0], draft.points[0]] }, t);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 2 * draft.radius * t.scale;
    ctx.globalAlpha = 0.45;
    ctx.strokeStyle = draft.erase ? '#ffffff' : draftColour;
    ctx.stroke();
    ctx.restore();
    return;
  }
  ctx.setLineDash([6, 4]);
  if (draft.tool === 'polygon') {
    const pts = draft.hover ? [...draft.points, draft.hover] : draft.points;
    if (pts.length > 1) strokeShape(ctx, { type: 'line', points: pts }, t, draftColour, false, 2);
    ctx.setLineDash([]);
    drawHandles(ctx, [{ type: 'multipoint', points: draft.points }], t);
  } else {
    const g = dragDraftGeometry(draft, input.toolContext);
    if (g) strokeShape(ctx, g, t, draftColour, false, 2);
  }
  ctx.restore();
}

/** The layer over the annotations: dragged shapes, the selection and its handles, the shape being drawn, the brush. */
export function drawOverlay(ctx: CanvasRenderingContext2D, input: TopLayerInput): void {
  const { t } = input;
  ctx.lineJoin = 'round';
  for (const s of input.dragged) strokeShape(ctx, s.geometry, t, s.colour, input.fill, 1.5);
  for (const g of input.selected) strokeShape(ctx, g, t, SELECTION_COLOUR, false, 3);
  drawHandles(ctx, input.selected, t);
  drawDraft(ctx, input);
  if (input.brush) {
    ctx.beginPath();
    ctx.arc(input.brush.x, input.brush.y, input.brush.r, 0, 2 * Math.PI);
    ctx.setLineDash(input.brush.erase ? [4, 3] : []);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = input.brush.erase ? '#d92d20' : '#111111';
    ctx.stroke();
    ctx.setLineDash([]);
  }
}
