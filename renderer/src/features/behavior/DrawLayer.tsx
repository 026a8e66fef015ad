import { useState, type PointerEvent } from 'react';
import type OpenSeadragon from 'openseadragon';
import type { Box } from '../../../../shared/behavior';
import { imagePointAt } from '../slides/osdView';

interface Pt {
  x: number;
  y: number;
}

const MIN_DRAG_PX = 4;

/** Level-0 bounding box of a rectangle dragged on screen (with a rotated view, of its four corners). */
function imageBoxOf(viewer: OpenSeadragon.Viewer, a: Pt, b: Pt): Box | null {
  const corners = [
    [a.x, a.y],
    [b.x, a.y],
    [b.x, b.y],
    [a.x, b.y],
  ].map(([x, y]) => imagePointAt(viewer, x, y));
  if (corners.some((p) => p === null)) return null;
  const xs = corners.map((p) => p!.x);
  const ys = corners.map((p) => p!.y);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Over the slide while a box is being drawn: a drag draws a rectangle instead of panning. */
export function DrawLayer({ viewer, onBox }: { viewer: OpenSeadragon.Viewer; onBox(box: Box): void }) {
  const [start, setStart] = useState<Pt | null>(null);
  const [end, setEnd] = useState<Pt | null>(null);
  const at = (e: PointerEvent<HTMLDivElement>): Pt => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  return (
    <div
      className="cmd-draw"
      data-testid="command-draw-layer"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        const p = at(e);
        setStart(p);
        setEnd(p);
      }}
      onPointerMove={(e) => start && setEnd(at(e))}
      onPointerUp={(e) => {
        const p = at(e);
        const s = start;
        setStart(null);
        setEnd(null);
        if (!s || Math.abs(p.x - s.x) < MIN_DRAG_PX || Math.abs(p.y - s.y) < MIN_DRAG_PX) return;
        const box = imageBoxOf(viewer, s, p);
        if (box) onBox(box);
      }}
    >
      {start && end && (
        <svg className="overlay">
          <rect className="cmd-rubber" x={Math.min(start.x, end.x)} y={Math.min(start.y, end.y)} width={Math.abs(end.x - start.x)} height={Math.abs(end.y - start.y)} />
        </svg>
      )}
    </div>
  );
}
