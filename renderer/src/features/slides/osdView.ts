import OpenSeadragon from 'openseadragon';
import type { SlideDescriptor } from '../../../../shared/contract';
import type { ViewportEvent } from '../../../../shared/navigation';
import { MAGNIFICATION_STEPS, zoomForMagnification } from '../../../../shared/slides/magnification';

/**
 * The current view in level-0 pixels, read through the TiledImage's coordinate methods (not the Viewport's),
 * so a view holding more than one image stays right.
 */
export function currentView(viewer: OpenSeadragon.Viewer, t: number): ViewportEvent | null {
  const item = viewer.world.getItemAt(0);
  if (!item) return null;
  const vp = viewer.viewport;
  const centre = item.viewportToImageCoordinates(vp.getCenter(true));
  const box = item.viewportToImageRectangle(vp.getBounds(true).getBoundingBox());
  const size = vp.getContainerSize();
  const zoom = item.viewportToImageZoom(vp.getZoom(true));
  if (!(zoom > 0) || !(box.width > 0) || !(box.height > 0) || !(size.x > 0) || !(size.y > 0)) return null;
  return {
    type: 'viewport',
    t,
    cx: round2(centre.x),
    cy: round2(centre.y),
    x0: round2(box.x),
    y0: round2(box.y),
    x1: round2(box.x + box.width),
    y1: round2(box.y + box.height),
    zoom: Number(zoom.toPrecision(6)),
    rotation: vp.getRotation(true),
    dpr: window.devicePixelRatio || 1,
    cw: size.x,
    ch: size.y,
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Screen CSS pixels per level-0 pixel right now. */
export function imageZoom(viewer: OpenSeadragon.Viewer): number {
  const item = viewer.world.getItemAt(0);
  return item ? item.viewportToImageZoom(viewer.viewport.getZoom(true)) : 0;
}

/** Zooms so that one level-0 pixel covers `zoom` screen pixels, keeping the view centre. */
export function zoomToImageZoom(viewer: OpenSeadragon.Viewer, zoom: number, immediately = false): void {
  const item = viewer.world.getItemAt(0);
  if (!item) return;
  viewer.viewport.zoomTo(item.imageToViewportZoom(zoom), undefined, immediately);
}

/** Shows the level-0 rectangle [x0, y0, x1, y1]. */
export function flyToImageRect(viewer: OpenSeadragon.Viewer, box: [number, number, number, number], immediately = false): void {
  const item = viewer.world.getItemAt(0);
  if (!item) return;
  const rect = item.imageToViewportRectangle(new OpenSeadragon.Rect(box[0], box[1], box[2] - box[0], box[3] - box[1]));
  viewer.viewport.fitBounds(rect, immediately);
}

/** Level-0 pixel under a point of the viewer element (CSS px), or null when no image is open. */
export function imagePointAt(viewer: OpenSeadragon.Viewer, x: number, y: number): { x: number; y: number } | null {
  const item = viewer.world.getItemAt(0);
  if (!item) return null;
  const p = item.viewerElementToImageCoordinates(new OpenSeadragon.Point(x, y));
  return { x: p.x, y: p.y };
}

/** Viewer-element CSS pixel of a level-0 point. */
export function screenPointOf(viewer: OpenSeadragon.Viewer, x: number, y: number): { x: number; y: number } | null {
  const item = viewer.world.getItemAt(0);
  if (!item) return null;
  const p = item.imageToViewerElementCoordinates(new OpenSeadragon.Point(x, y));
  return { x: p.x, y: p.y };
}

/**
 * OpenSeadragon stops zooming out a little below "whole slide in view", and snaps back to that limit after the next
 * pan; on a small slide that is above 1.25× or even 10×, and a magnification hotkey would not hold. The limit is
 * lowered to the lowest magnification step where that is the lower of the two.
 */
export function allowLowestMagnification(viewer: OpenSeadragon.Viewer, d: SlideDescriptor): void {
  const item = viewer.world.getItemAt(0);
  const lowest = zoomForMagnification(MAGNIFICATION_STEPS[0], { objectivePower: d.objectivePower, mpp: d.mpp?.x ?? null });
  if (!item || lowest === null) return;
  // A documented Viewport option that the type declarations leave out.
  const vp = viewer.viewport as OpenSeadragon.Viewport & { minZoomLevel: number | null };
  vp.minZoomLevel = Math.min(vp.getMinZoom(), item.imageToViewportZoom(lowest));
}
