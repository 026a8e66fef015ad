import type OpenSeadragon from 'openseadragon';
import type { Annotation } from '../../../../shared/contract';
import { flyToImageRect } from '../slides/osdView';

/** Shows the annotation with a margin around it (at least 256 level-0 px across, so a point is seen in context). */
export function flyToAnnotation(viewer: OpenSeadragon.Viewer, a: Pick<Annotation, 'bounds'>): void {
  const { minX, minY, maxX, maxY } = a.bounds;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const half = Math.max(128, (maxX - minX) * 0.75, (maxY - minY) * 0.75);
  flyToImageRect(viewer, [cx - half, cy - half, cx + half, cy + half]);
}
