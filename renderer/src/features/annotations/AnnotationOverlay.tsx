import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type OpenSeadragon from 'openseadragon';
import { geometryArea } from '../../../../shared/annotations/measure';
import { formatAreaUm2 } from '../../../../shared/annotations/measure';
import { annotationIndex, useAnnotationStore } from '../../stores/useAnnotationStore';
import { useAnnotationToolStore } from '../../stores/useAnnotationToolStore';
import { useViewerStore } from '../../stores/useViewerStore';
import { useViewerRedraw } from '../recording/useViewerRedraw';
import type { ViewerPartProps } from '../slides/viewerExtensions';
import { drawBatch, drawBatches, rulerText, UNCLASSIFIED_COLOUR, type Batch } from './drawAnnotations';
import { LayerCache } from './layerCache';
import { drawOverlay, type Shown } from './drawOverlay';
import { dragDraftGeometry, polygonDraftGeometry } from './tools/drawingTools';
import { isDrawingTool, type Draft, type ToolContext } from './tools/toolTypes';
import { useAnnotationKeys } from './useAnnotationKeys';
import { usePointerTools } from './usePointerTools';
import { viewTransform, type ViewTransform } from './viewTransform';

/** Up to this many annotations on the slide, the layer is redrawn on every frame of a zoom (it stays sharp). */
const EAGER_REDRAW_MAX = 2000;
/** Time per frame spent redrawing the cached layer. */
const FRAME_BUDGET_MS = 8;

/** Sizes the canvas to the viewer (in device pixels) and returns a cleared context in CSS px, with the transform. */
function prepare(canvas: HTMLCanvasElement | null, viewer: OpenSeadragon.Viewer | null): { ctx: CanvasRenderingContext2D; t: ViewTransform } | null {
  if (!canvas) return null;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const w = viewer?.element.clientWidth ?? 0;
  const h = viewer?.element.clientHeight ?? 0;
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const t = viewer && w > 0 && h > 0 ? viewTransform(viewer, w, h) : null;
  return t ? { ctx, t } : null;
}

/** Keeps annotations off the navigator (the overview in the corner), which has a view of its own. */
function clearNavigator(ctx: CanvasRenderingContext2D, viewer: OpenSeadragon.Viewer): void {
  const nav = (viewer as unknown as { navigator?: { element?: HTMLElement } }).navigator?.element;
  if (!nav || nav.offsetParent === null) return;
  const r = nav.getBoundingClientRect();
  const o = viewer.element.getBoundingClientRect();
  ctx.clearRect(r.left - o.left, r.top - o.top, r.width, r.height);
}

/** What the draft measures so far, and where to show it (CSS px). */
function draftReadout(draft: Draft | null, tc: ToolContext, t: ViewTransform | null, mpp: { x: number; y: number } | null): { text: string; x: number; y: number } | null {
  if (!draft || !t || draft.tool === 'brush') return null;
  const at = (p: [number, number]) => ({ x: t.a * p[0] + t.c * p[1] + t.e + 14, y: t.b * p[0] + t.d * p[1] + t.f + 10 });
  if (draft.tool === 'polygon') {
    const g = polygonDraftGeometry(draft.points);
    if (!g) return null;
    const a = geometryArea(g);
    return { text: mpp ? formatAreaUm2(a * mpp.x * mpp.y) : `${Math.round(a)} px²`, ...at(draft.hover ?? draft.points[draft.points.length - 1]) };
  }
  const g = dragDraftGeometry(draft, tc);
  if (!g) return null;
  if (g.type === 'line') return { text: rulerText({ geometry: g }, mpp), ...at(draft.end) };
  const a = geometryArea(g);
  return { text: mpp ? formatAreaUm2(a * mpp.x * mpp.y) : `${Math.round(a)} px²`, ...at(draft.end) };
}

/**
 * The annotations over the slide, on two canvases: the base layer (every annotation in view, from the spatial index)
 * redraws when the view or the annotations change; the top layer (selection, handles, shape being drawn, brush)
 * redraws with every pointer move without touching the base layer.
 */
export function AnnotationOverlay({ slideId, descriptor }: ViewerPartProps) {
  const viewer = useViewerStore((s) => s.viewer);
  const redraw = useViewerRedraw(viewer);
  const base = useRef<HTMLCanvasElement>(null);
  const top = useRef<HTMLCanvasElement>(null);

  const revision = useAnnotationStore((s) => s.revision);
  const classes = useAnnotationStore((s) => s.classes);
  const previewIds = useAnnotationStore((s) => s.previewIds);
  const preview = useAnnotationStore((s) => s.preview);
  const selected = useAnnotationStore((s) => s.selected);
  const mpp = useAnnotationStore((s) => s.mpp);
  const width = useAnnotationStore((s) => s.width);
  const height = useAnnotationStore((s) => s.height);
  const error = useAnnotationStore((s) => s.error);
  const notice = useAnnotationStore((s) => s.notice);
  const busy = useAnnotationStore((s) => s.busy);
  const { tool, draft, cursor, visible, fill, eraser, brushRadiusPx, drawClassId } = useAnnotationToolStore();

  useEffect(() => {
    void useAnnotationStore.getState().load(slideId, { width: descriptor.width, height: descriptor.height, mpp: descriptor.mpp });
    return () => useAnnotationStore.getState().reset();
  }, [slideId, descriptor.width, descriptor.height, descriptor.mpp]);

  // A new slide starts with the select tool and nothing half-drawn.
  useEffect(() => () => useAnnotationToolStore.getState().setTool('select'), [slideId]);

  usePointerTools(viewer);
  useAnnotationKeys();

  useEffect(() => {
    if (!viewer) return;
    const canvas = viewer.canvas as HTMLElement;
    canvas.style.cursor = isDrawingTool(tool) ? 'crosshair' : tool === 'move' ? 'move' : '';
    return () => {
      canvas.style.cursor = '';
    };
  }, [viewer, tool]);

  const colourOf = useMemo(() => {
    const byId = new Map(classes.map((c) => [c.id, c.colour]));
    return (id: number | null) => (id === null ? UNCLASSIFIED_COLOUR : (byId.get(id) ?? UNCLASSIFIED_COLOUR));
  }, [classes]);

  // The base layer: redrawn (through its cache) when the view moves, and invalidated when what it shows changes.
  const cache = useMemo(() => new LayerCache<Batch>(), []);
  const shownWith = useRef<unknown[]>([]);
  useLayoutEffect(() => {
    const deps = [revision, previewIds, colourOf, fill, mpp];
    if (deps.some((d, i) => d !== shownWith.current[i])) cache.invalidate();
    shownWith.current = deps;
    let frame = 0;
    const paint = () => {
      frame = 0;
      const p = prepare(base.current, viewer);
      if (!p || !visible || !viewer) return;
      const annotations = useAnnotationStore.getState().annotations;
      const pending = cache.paint(
        p.ctx,
        p.t,
        viewer.element.clientWidth,
        viewer.element.clientHeight,
        window.devicePixelRatio || 1,
        (region) => drawBatches({ annotations, ids: annotationIndex.search(region), skip: previewIds, colourOf, fill, mpp }),
        (ctx, b, t) => drawBatch(ctx, b, t, fill, mpp),
        { eager: annotations.size <= EAGER_REDRAW_MAX, budgetMs: FRAME_BUDGET_MS },
      );
      clearNavigator(p.ctx, viewer);
      if (pending) frame = requestAnimationFrame(paint);
    };
    paint();
    return () => cancelAnimationFrame(frame);
  }, [cache, viewer, redraw, revision, previewIds, colourOf, visible, fill, mpp]);

  const toolContext: ToolContext = { zoom: 1, width, height, brushRadiusPx, eraser };
  const transform = viewer ? viewTransform(viewer, viewer.element.clientWidth, viewer.element.clientHeight) : null;
  if (transform) toolContext.zoom = transform.scale;
  const drawColour = drawClassId === null ? UNCLASSIFIED_COLOUR : colourOf(drawClassId);

  useLayoutEffect(() => {
    const p = prepare(top.current, viewer);
    if (!p) return;
    const annotations = useAnnotationStore.getState().annotations;
    const dragged: Shown[] = [];
    for (const [id, g] of preview) dragged.push({ geometry: g, colour: colourOf(annotations.get(id)?.classId ?? null) });
    const shownSelection = visible
      ? [...selected].map((id) => preview.get(id) ?? annotations.get(id)?.geometry).filter((g) => g !== undefined)
      : [];
    const brush = tool === 'brush' && cursor ? { x: cursor.x, y: cursor.y, r: brushRadiusPx, erase: eraser } : null;
    drawOverlay(p.ctx, { t: p.t, dragged, selected: shownSelection, fill, draft, draftColour: drawColour, toolContext: { ...toolContext, zoom: p.t.scale }, brush });
    if (viewer) clearNavigator(p.ctx, viewer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [viewer, redraw, revision, preview, selected, draft, cursor, tool, visible, fill, eraser, brushRadiusPx, colourOf, drawColour]);

  const readout = draftReadout(draft, toolContext, transform, mpp);

  return (
    <>
      <canvas ref={base} className="overlay annotation-layer" data-testid="annotation-layer" data-visible={visible} aria-hidden="true" />
      <canvas ref={top} className="overlay" aria-hidden="true" />
      {readout && (
        <div className="annotation-readout" data-testid="draw-readout" style={{ left: readout.x, top: readout.y }}>
          {readout.text}
        </div>
      )}
      <div className="annotation-messages">
        {busy && (
          <div className="annotation-busy" role="status">
            {busy}
          </div>
        )}
        {notice && (
          <div className="annotation-notice" role="status">
            {notice}
          </div>
        )}
        {error && (
          <div className="annotation-error" role="alert">
            <span>{error}</span>
            <button className="link" onClick={() => useAnnotationStore.getState().dismissError()}>
              Dismiss
            </button>
          </div>
        )}
      </div>
    </>
  );
}
