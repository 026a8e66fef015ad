import type { Geometry, Position } from '../../../../shared/annotations/geometry';
import type { ViewTransform } from './viewTransform';

// Adding annotation outlines to a canvas path in screen coordinates. Vertices that land within a pixel of the last
// one drawn are skipped, so a zoomed-out view of thousands of detailed shapes costs about what the screen can show.

export const POINT_RADIUS_PX = 4;

function addPath(ctx: CanvasRenderingContext2D, pts: readonly Position[], t: ViewTransform, close: boolean): void {
  const n = pts.length;
  if (n === 0) return;
  let x = t.a * pts[0][0] + t.c * pts[0][1] + t.e;
  let y = t.b * pts[0][0] + t.d * pts[0][1] + t.f;
  ctx.moveTo(x, y);
  let lx = x;
  let ly = y;
  const last = close ? n - 2 : n - 1;
  for (let i = 1; i <= last; i++) {
    x = t.a * pts[i][0] + t.c * pts[i][1] + t.e;
    y = t.b * pts[i][0] + t.d * pts[i][1] + t.f;
    if (i < last && Math.abs(x - lx) + Math.abs(y - ly) < 1) continue;
    ctx.lineTo(x, y);
    lx = x;
    ly = y;
  }
  if (close) ctx.closePath();
}

function addDot(ctx: CanvasRenderingContext2D, x: number, y: number, t: ViewTransform, r: number): void {
  const sx = t.a * x + t.c * y + t.e;
  const sy = t.b * x + t.d * y + t.f;
  ctx.moveTo(sx + r, sy);
  ctx.arc(sx, sy, r, 0, 2 * Math.PI);
}

/** Adds a geometry's outline (areas closed, lines open, points as dots) to the current path. */
export function addGeometryPath(ctx: CanvasRenderingContext2D, g: Geometry, t: ViewTransform, pointRadius = POINT_RADIUS_PX): void {
  switch (g.type) {
    case 'point':
      return addDot(ctx, g.x, g.y, t, pointRadius);
    case 'multipoint':
      for (const [x, y] of g.points) addDot(ctx, x, y, t, pointRadius);
      return;
    case 'line':
      return addPath(ctx, g.points, t, false);
    case 'rectangle':
      return addPath(
        ctx,
        [
          [g.x, g.y],
          [g.x + g.width, g.y],
          [g.x + g.width, g.y + g.height],
          [g.x, g.y + g.height],
          [g.x, g.y],
        ],
        t,
        true,
      );
    case 'ellipse': {
      const sx = t.a * g.cx + t.c * g.cy + t.e;
      const sy = t.b * g.cx + t.d * g.cy + t.f;
      const rot = g.rotation + t.angle;
      const rx = g.rx * t.scale;
      const ry = g.ry * t.scale;
      ctx.moveTo(sx + rx * Math.cos(rot), sy + rx * Math.sin(rot));
      ctx.ellipse(sx, sy, rx, ry, rot, 0, 2 * Math.PI);
      ctx.closePath();
      return;
    }
    case 'polygon':
      for (const r of g.rings) addPath(ctx, r, t, true);
      return;
    case 'multipolygon':
      for (const p of g.polygons) for (const r of p) addPath(ctx, r, t, true);
      return;
  }
}

/** Adds a small square for a shape under two screen pixels across (cheaper than its outline, and still visible). */
export function addSpeck(ctx: CanvasRenderingContext2D, cx: number, cy: number, t: ViewTransform): void {
  const sx = t.a * cx + t.c * cy + t.e;
  const sy = t.b * cx + t.d * cy + t.f;
  ctx.rect(sx - 1, sy - 1, 2, 2);
}
