import OpenSeadragon from 'openseadragon';
import type { ViewportEvent } from '../../../../shared/navigation';

/** Shows a recorded view: same centre, rotation and field-of-view width, whatever this window's size. */
export function applyView(viewer: OpenSeadragon.Viewer, v: ViewportEvent): void {
  const item = viewer.world.getItemAt(0);
  if (!item) return;
  const vp = viewer.viewport;
  const width = vp.getContainerSize().x || v.cw;
  vp.setRotation(v.rotation, true);
  vp.zoomTo(item.imageToViewportZoom((v.zoom * width) / v.cw), undefined, true);
  vp.panTo(item.imageToViewportCoordinates(new OpenSeadragon.Point(v.cx, v.cy)), true);
}
