import { useEffect } from 'react';
import type OpenSeadragon from 'openseadragon';
import type { Geometry } from '../../../../shared/annotations/geometry';
import { translateGeometry } from '../../../../shared/annotations/shapes';
import { annotationIndex, useAnnotationStore } from '../../stores/useAnnotationStore';
import { useAnnotationToolStore } from '../../stores/useAnnotationToolStore';
import { imagePointAt, imageZoom } from '../slides/osdView';
import { commitDrawing } from './commitDrawing';
import { HANDLE_PX, MAX_HANDLES } from './drawOverlay';
import { pickAnnotation } from './pick';
import { roundGeometry } from './roundGeometry';
import { selectClick } from './selection';
import { pointerStep } from './tools/drawingTools';
import { isDrawingTool, type PointerInput, type Pt, type ToolContext } from './tools/toolTypes';
import { handleAt, handleCount, moveHandle, vertexHandles, type HandleRef } from './vertexHandles';

/** How near (screen px) a click must be to an outline or point to pick it. */
const PICK_PX = 5;

type Gesture =
  | { kind: 'draw' }
  | { kind: 'move'; start: Pt; originals: Map<number, Geometry>; moved: boolean }
  | { kind: 'vertex'; id: number; ref: HandleRef; original: Geometry; moved: boolean };

interface OsdPointerEvent {
  position: OpenSeadragon.Point;
  originalEvent?: Event;
  quick?: boolean;
  preventDefaultAction?: boolean;
}

const modifiers = (e: OsdPointerEvent) => {
  const o = e.originalEvent as MouseEvent | undefined;
  return { shift: !!o?.shiftKey, alt: !!o?.altKey };
};

/**
 * Mouse input for the annotation tools, through OpenSeadragon's canvas events: a gesture that belongs to a tool
 * (drawing, moving annotations, dragging a vertex) sets preventDefaultAction on its drags so the slide does not pan;
 * every other drag pans, and the wheel always zooms.
 */
export function usePointerTools(viewer: OpenSeadragon.Viewer | null): void {
  useEffect(() => {
    if (!viewer) return;
    let gesture: Gesture | null = null;
    let justEnded = false;

    const at = (pos: OpenSeadragon.Point): Pt | null => {
      const p = imagePointAt(viewer, pos.x, pos.y);
      return p ? [p.x, p.y] : null;
    };
    const toolContext = (): ToolContext => {
      const s = useAnnotationStore.getState();
      const t = useAnnotationToolStore.getState();
      return { zoom: imageZoom(viewer), width: s.width, height: s.height, brushRadiusPx: t.brushRadiusPx, eraser: t.eraser };
    };
    /** Feeds a drawing tool; returns whether the gesture is the tool's. */
    const runTool = (input: PointerInput): boolean => {
      const tools = useAnnotationToolStore.getState();
      if (!isDrawingTool(tools.tool)) return false;
      const r = pointerStep(tools.tool, tools.draft, input, toolContext());
      if (r.draft !== tools.draft) tools.setDraft(r.draft);
      if (r.commit) commitDrawing(r.commit, tools.tool);
      return r.capture;
    };
    const geometryOf = (id: number) => useAnnotationStore.getState().annotations.get(id)?.geometry;
    const pick = (p: Pt): number | null => pickAnnotation(annotationIndex, geometryOf, p[0], p[1], PICK_PX / imageZoom(viewer));

    /** In the select and move tools: grab a handle of the selection, or (move tool) the annotation under the pointer. */
    const startEdit = (p: Pt, tool: 'select' | 'move', shift: boolean): Gesture | null => {
      const store = useAnnotationStore.getState();
      if (!useAnnotationToolStore.getState().visible) return null;
      const selected = [...store.selected].map((id) => store.annotations.get(id)).filter((a) => a !== undefined);
      if (selected.reduce((n, a) => n + handleCount(a.geometry), 0) <= MAX_HANDLES) {
        for (const a of selected) {
          const h = handleAt(vertexHandles(a.geometry), p[0], p[1], HANDLE_PX / imageZoom(viewer));
          if (h) return { kind: 'vertex', id: a.id, ref: h, original: a.geometry, moved: false };
        }
      }
      if (tool !== 'move') return null;
      const hit = pick(p);
      if (hit === null) return null;
      let ids = store.selected;
      if (!ids.has(hit)) {
        ids = shift ? new Set([...ids, hit]) : new Set([hit]);
        store.select(ids);
      }
      const originals = new Map<number, Geometry>();
      for (const id of ids) {
        const g = geometryOf(id);
        if (g) originals.set(id, g);
      }
      return { kind: 'move', start: p, originals, moved: false };
    };

    const onPress = (ev: unknown) => {
      const e = ev as OsdPointerEvent;
      justEnded = false;
      const p = at(e.position);
      if (!p) return;
      const { shift, alt } = modifiers(e);
      const tool = useAnnotationToolStore.getState().tool;
      if (tool === 'select' || tool === 'move') gesture = startEdit(p, tool, shift);
      else gesture = runTool({ type: 'press', p, shift, alt }) ? { kind: 'draw' } : null;
    };

    const onDrag = (ev: unknown) => {
      const e = ev as OsdPointerEvent;
      if (!gesture) return;
      e.preventDefaultAction = true;
      const p = at(e.position);
      if (!p) return;
      const store = useAnnotationStore.getState();
      if (gesture.kind === 'draw') runTool({ type: 'drag', p, ...modifiers(e) });
      else if (gesture.kind === 'move') {
        const dx = p[0] - gesture.start[0];
        const dy = p[1] - gesture.start[1];
        store.setPreview(new Map([...gesture.originals].map(([id, g]) => [id, translateGeometry(g, dx, dy)])));
        gesture.moved = true;
      } else {
        store.setPreview(new Map([[gesture.id, moveHandle(gesture.original, gesture.ref, p)]]));
        gesture.moved = true;
      }
    };

    const onRelease = (ev: unknown) => {
      const e = ev as OsdPointerEvent;
      const g = gesture;
      gesture = null;
      if (!g) return;
      justEnded = true;
      const p = at(e.position);
      const store = useAnnotationStore.getState();
      if (g.kind === 'draw') {
        if (p) runTool({ type: 'release', p, ...modifiers(e) });
        return;
      }
      if (!g.moved || !p) return store.setPreview(null);
      if (g.kind === 'move') {
        const dx = Math.round((p[0] - g.start[0]) * 100) / 100;
        const dy = Math.round((p[1] - g.start[1]) * 100) / 100;
        if (dx === 0 && dy === 0) return store.setPreview(null);
        const changes = [...g.originals].map(([id, geometry]) => ({ id, fields: { geometry: roundGeometry(translateGeometry(geometry, dx, dy)) } }));
        void store.update(changes, changes.length === 1 ? 'move' : `move ${changes.length} annotations`);
      } else {
        void store.update([{ id: g.id, fields: { geometry: moveHandle(g.original, g.ref, p) } }], 'vertex edit');
      }
    };

    const onClick = (ev: unknown) => {
      const e = ev as OsdPointerEvent;
      const p = at(e.position);
      if (!p) return;
      const { shift, alt } = modifiers(e);
      const tool = useAnnotationToolStore.getState().tool;
      if (tool === 'select' || tool === 'move') {
        if (!e.quick || !useAnnotationToolStore.getState().visible) return;
        const store = useAnnotationStore.getState();
        store.select(selectClick(store.selected, pick(p), shift));
        return;
      }
      if (runTool({ type: 'click', p, shift, alt, quick: e.quick })) e.preventDefaultAction = true;
    };

    const onDoubleClick = (ev: unknown) => {
      const e = ev as OsdPointerEvent;
      const p = at(e.position);
      if (p && runTool({ type: 'dblclick', p, ...modifiers(e) })) e.preventDefaultAction = true;
    };

    const onDragEnd = (ev: unknown) => {
      if (gesture || justEnded) (ev as OsdPointerEvent).preventDefaultAction = true;
    };

    // Hover: the polygon's rubber band and the brush outline.
    const el = viewer.element;
    const onMove = (e: PointerEvent) => {
      const tools = useAnnotationToolStore.getState();
      const r = el.getBoundingClientRect();
      const x = e.clientX - r.left;
      const y = e.clientY - r.top;
      if (tools.tool === 'brush') tools.setCursor({ x, y });
      if (tools.tool === 'polygon' && tools.draft && !gesture) {
        const p = imagePointAt(viewer, x, y);
        if (p) runTool({ type: 'hover', p: [p.x, p.y], shift: e.shiftKey, alt: e.altKey });
      }
    };
    const onLeave = () => useAnnotationToolStore.getState().setCursor(null);

    // OpenSeadragon's typings do not describe preventDefaultAction on every event: handlers take them untyped.
    const events = viewer as unknown as { addHandler(name: string, h: (e: unknown) => void): void; removeHandler(name: string, h: (e: unknown) => void): void };
    const handlers: Array<[string, (e: unknown) => void]> = [
      ['canvas-press', onPress],
      ['canvas-drag', onDrag],
      ['canvas-release', onRelease],
      ['canvas-click', onClick],
      ['canvas-double-click', onDoubleClick],
      ['canvas-drag-end', onDragEnd],
    ];
    for (const [name, h] of handlers) events.addHandler(name, h);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerleave', onLeave);
    return () => {
      for (const [name, h] of handlers) events.removeHandler(name, h);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerleave', onLeave);
      useAnnotationStore.getState().setPreview(null);
    };
  }, [viewer]);
}
