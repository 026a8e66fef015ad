import { brushStroke, intersectGeometries } from '../../../../../shared/annotations/boolean';
import { geometryIssues, type Geometry } from '../../../../../shared/annotations/geometry';
import { closeRing, rectangleFromCorners } from '../../../../../shared/annotations/shapes';
import type { Commit, Draft, DrawingToolId, PointerInput, Pt, ToolContext, ToolResult } from './toolTypes';

// The drawing tools as pure state machines: pointer input (in level-0 px) and the current draft in, the next draft
// and possibly a finished shape out. Nothing here touches the viewer or the API.

/** A drag shorter than this (screen px) is a click, not a shape. */
export const MIN_DRAG_PX = 3;
/** Polygon vertices closer than this (screen px) to the previous one are not added (the second click of a double-click). */
export const MIN_VERTEX_PX = 4;
/** Freehand polygon vertices while dragging are at least this far apart (screen px). */
export const FREEHAND_STEP_PX = 3;

const round2 = (v: number) => Math.round(v * 100) / 100;

function clampPt(p: Pt, ctx: ToolContext): Pt {
  return [round2(Math.min(ctx.width, Math.max(0, p[0]))), round2(Math.min(ctx.height, Math.max(0, p[1])))];
}

const onSlide = (p: Pt, ctx: ToolContext) => p[0] >= 0 && p[1] >= 0 && p[0] <= ctx.width && p[1] <= ctx.height;
const screenDist = (a: Pt, b: Pt, ctx: ToolContext) => Math.hypot(a[0] - b[0], a[1] - b[1]) * ctx.zoom;

const none = (draft: Draft | null, capture: boolean): ToolResult => ({ draft, commit: null, capture });

/** The box of a rectangle/ellipse draft, squared when Shift is held. */
function draftBox(d: { start: Pt; end: Pt; square: boolean }, ctx: ToolContext): [Pt, Pt] {
  let end = d.end;
  if (d.square) {
    const dx = end[0] - d.start[0];
    const dy = end[1] - d.start[1];
    const side = Math.max(Math.abs(dx), Math.abs(dy));
    end = clampPt([d.start[0] + Math.sign(dx || 1) * side, d.start[1] + Math.sign(dy || 1) * side], ctx);
  }
  return [d.start, end];
}

/** The geometry a drag draft stands for (also used to show the draft and its measurement). */
export function dragDraftGeometry(d: Extract<Draft, { start: Pt }>, ctx: ToolContext): Geometry | null {
  if (d.tool === 'line') {
    if (d.start[0] === d.end[0] && d.start[1] === d.end[1]) return null;
    return { type: 'line', points: [d.start, d.end] };
  }
  const [a, b] = draftBox(d, ctx);
  const r = rectangleFromCorners(a, b);
  if (!(r.width > 0 && r.height > 0)) return null;
  if (d.tool === 'rectangle') return r;
  return { type: 'ellipse', cx: round2(r.x + r.width / 2), cy: round2(r.y + r.height / 2), rx: round2(r.width / 2), ry: round2(r.height / 2), rotation: 0 };
}

/** The polygon a polygon draft closes into, or null while it has fewer than 3 corners or no area. */
export function polygonDraftGeometry(points: readonly Pt[]): Geometry | null {
  if (points.length < 3) return null;
  const g: Geometry = { type: 'polygon', rings: [closeRing(points)] };
  return geometryIssues(g).length === 0 ? g : null;
}

function dragTool(tool: 'rectangle' | 'ellipse' | 'line', draft: Draft | null, input: PointerInput, ctx: ToolContext): ToolResult {
  const d = draft && 'start' in draft ? draft : null;
  switch (input.type) {
    case 'press': {
      const p = clampPt(input.p, ctx);
      return none({ tool, start: p, end: p, square: input.shift }, true);
    }
    case 'drag':
      return d ? none({ ...d, end: clampPt(input.p, ctx), square: input.shift }, true) : none(draft, false);
    case 'release': {
      if (!d) return none(null, false);
      const done = { ...d, end: clampPt(input.p, ctx), square: input.shift };
      if (screenDist(done.start, done.end, ctx) < MIN_DRAG_PX) return none(null, true);
      const g = dragDraftGeometry(done, ctx);
      return { draft: null, commit: g && geometryIssues(g).length === 0 ? { kind: 'shape', geometry: g } : null, capture: true };
    }
    case 'dblclick':
      return none(draft, true);
    default:
      return none(draft, false);
  }
}

function polygonTool(draft: Draft | null, input: PointerInput, ctx: ToolContext): ToolResult {
  const d = draft?.tool === 'polygon' ? draft : null;
  const add = (points: Pt[], p: Pt, minPx: number): Pt[] => {
    const last = points[points.length - 1];
    return last && screenDist(last, p, ctx) < minPx ? points : [...points, p];
  };
  switch (input.type) {
    case 'press': {
      const p = clampPt(input.p, ctx);
      return none({ tool: 'polygon', points: add(d?.points ?? [], p, MIN_VERTEX_PX), hover: p }, true);
    }
    case 'drag': {
      const p = clampPt(input.p, ctx);
      return d ? none({ ...d, points: add(d.points, p, FREEHAND_STEP_PX), hover: p }, true) : none(draft, true);
    }
    case 'release':
    case 'click':
      return none(draft, true);
    case 'dblclick':
      return closePolygon(draft);
    case 'hover':
      return d ? none({ ...d, hover: clampPt(input.p, ctx) }, false) : none(draft, false);
  }
}

function closePolygon(draft: Draft | null): ToolResult {
  if (draft?.tool !== 'polygon') return none(draft, true);
  const g = polygonDraftGeometry(draft.points);
  // Too few corners yet: keep drawing.
  if (!g) return none(draft, true);
  return { draft: null, commit: { kind: 'shape', geometry: g }, capture: true };
}

function brushTool(draft: Draft | null, input: PointerInput, ctx: ToolContext): ToolResult {
  const d = draft?.tool === 'brush' ? draft : null;
  switch (input.type) {
    case 'press': {
      const radius = ctx.brushRadiusPx / ctx.zoom;
      return none({ tool: 'brush', points: [roundPt(input.p)], radius, erase: ctx.eraser || input.alt }, true);
    }
    case 'drag': {
      if (!d) return none(draft, true);
      const last = d.points[d.points.length - 1];
      const p = roundPt(input.p);
      const far = Math.hypot(p[0] - last[0], p[1] - last[1]) >= Math.max(d.radius * 0.15, 0.5);
      return none(far ? { ...d, points: [...d.points, p] } : d, true);
    }
    case 'release': {
      if (!d) return none(null, false);
      return { draft: null, commit: brushCommit(d, ctx), capture: true };
    }
    case 'dblclick':
      return none(draft, true);
    default:
      return none(draft, false);
  }
}

const roundPt = (p: Pt): Pt => [round2(p[0]), round2(p[1])];

function brushCommit(d: Extract<Draft, { tool: 'brush' }>, ctx: ToolContext): Commit | null {
  const stroke = brushStroke(d.points, d.radius);
  if (d.erase) return { kind: 'brush', stroke, erase: true };
  // Paint only on the slide.
  const slide: Geometry = { type: 'rectangle', x: 0, y: 0, width: ctx.width, height: ctx.height };
  const kept = intersectGeometries(stroke, slide);
  return kept ? { kind: 'brush', stroke: kept, erase: false } : null;
}

function pointTool(draft: Draft | null, input: PointerInput, ctx: ToolContext): ToolResult {
  // Drags pan the slide: a point has nothing to drag out.
  if (input.type === 'click' && input.quick && onSlide(input.p, ctx)) {
    const [x, y] = roundPt(input.p);
    return { draft: null, commit: { kind: 'shape', geometry: { type: 'point', x, y } }, capture: true };
  }
  return none(draft, input.type === 'dblclick');
}

/** One pointer event for a drawing tool. */
export function pointerStep(tool: DrawingToolId, draft: Draft | null, input: PointerInput, ctx: ToolContext): ToolResult {
  switch (tool) {
    case 'rectangle':
    case 'ellipse':
    case 'line':
      return dragTool(tool, draft, input, ctx);
    case 'polygon':
      return polygonTool(draft, input, ctx);
    case 'brush':
      return brushTool(draft, input, ctx);
    case 'point':
      return pointTool(draft, input, ctx);
  }
}

/**
 * Keys a drawing in progress understands: Enter closes a polygon, Backspace removes its last corner, Escape drops
 * the draft. `handled` is false when there is no draft the key applies to (the key then means what it usually does).
 */
export function keyStep(draft: Draft | null, key: 'Enter' | 'Escape' | 'Backspace'): ToolResult & { handled: boolean } {
  if (!draft) return { ...none(null, false), handled: false };
  if (key === 'Escape') return { ...none(null, false), handled: true };
  if (draft.tool !== 'polygon') return { ...none(draft, false), handled: false };
  if (key === 'Enter') return { ...closePolygon(draft), handled: true };
  const points = draft.points.slice(0, -1);
  return { ...none(points.length ? { ...draft, points } : null, false), handled: true };
}
