import OpenSeadragon from 'openseadragon';
import type { ViewTransform } from './affine';

export type { ViewTransform } from './affine';

/** The current (animated) transform of the viewer's first image, from the TiledImage's coordinate helpers. */
export function viewTransform(viewer: OpenSeadragon.Viewer, width: number, height: number): ViewTransform | null {
  const item = viewer.world.getItemAt(0);
  if (!item) return null;
  const size = item.getContentSize();
  const sx = Math.max(1, size.x);
  const sy = Math.max(1, size.y);
  const o = item.imageToViewerElementCoordinates(new OpenSeadragon.Point(0, 0));
  const px = item.imageToViewerElementCoordinates(new OpenSeadragon.Point(sx, 0));
  const py = item.imageToViewerElementCoordinates(new OpenSeadragon.Point(0, sy));
  const a = (px.x - o.x) / sx;
  const b = (px.y - o.y) / sx;
  const c = (py.x - o.x) / sy;
  const d = (py.y - o.y) / sy;
  const scale = Math.hypot(a, b);
  if (!(scale > 0)) return null;
  const corners = [
    [0, 0],
    [width, 0],
    [0, height],
    [width, height],
  ].map(([x, y]) => item.viewerElementToImageCoordinates(new OpenSeadragon.Point(x, y)));
  const view = {
    minX: Math.min(...corners.map((p) => p.x)),
    minY: Math.min(...corners.map((p) => p.y)),
    maxX: Math.max(...corners.map((p) => p.x)),
    maxY: Math.max(...corners.map((p) => p.y)),
  };
  return { a, b, c, d, e: o.x, f: o.y, scale, angle: Math.atan2(b, a), view };
}
