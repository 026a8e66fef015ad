import type { ViewportEvent } from './schema';

export interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The axis-aligned bounds, in level-0 pixels, of a view centred on (cx, cy) showing a cw × ch CSS-pixel container at
 * `zoom` CSS px per level-0 px, rotated by `rotation` degrees: for a rotated view, the bounding box of the rotated
 * rectangle. This is what a viewport event's x0..y1 hold.
 */
export function viewBounds(cx: number, cy: number, zoom: number, rotation: number, cw: number, ch: number): Bounds {
  const w = cw / zoom;
  const h = ch / zoom;
  const quarterTurn = ((rotation % 90) + 90) % 90 === 0;
  let halfW: number;
  let halfH: number;
  if (quarterTurn) {
    // Exact for 0/90/180/270°, where cos/sin would leave 1e-17 crumbs.
    const sideways = ((Math.round(rotation / 90) % 2) + 2) % 2 === 1;
    halfW = (sideways ? h : w) / 2;
    halfH = (sideways ? w : h) / 2;
  } else {
    const a = (rotation * Math.PI) / 180;
    const c = Math.abs(Math.cos(a));
    const s = Math.abs(Math.sin(a));
    halfW = (w * c + h * s) / 2;
    halfH = (w * s + h * c) / 2;
  }
  return { x0: cx - halfW, y0: cy - halfH, x1: cx + halfW, y1: cy + halfH };
}

export interface ViewSpec {
  t: number;
  cx: number;
  cy: number;
  zoom: number;
  cw: number;
  ch: number;
  rotation?: number;
  dpr?: number;
}

/** A complete viewport event from the view's centre, zoom, rotation and container size (bounds computed by viewBounds). */
export function viewportEvent(spec: ViewSpec): ViewportEvent {
  const rotation = spec.rotation ?? 0;
  const b = viewBounds(spec.cx, spec.cy, spec.zoom, rotation, spec.cw, spec.ch);
  return {
    type: 'viewport',
    t: spec.t,
    cx: spec.cx,
    cy: spec.cy,
    x0: b.x0,
    y0: b.y0,
    x1: b.x1,
    y1: b.y1,
    zoom: spec.zoom,
    rotation,
    dpr: spec.dpr ?? 1,
    cw: spec.cw,
    ch: spec.ch,
  };
}
