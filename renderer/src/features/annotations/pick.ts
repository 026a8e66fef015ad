import type { Geometry } from '../../../../shared/annotations/geometry';
import { geometryArea } from '../../../../shared/annotations/measure';
import { distanceToGeometry } from '../../../../shared/annotations/shapes';
import type { SpatialIndex } from '../../../../shared/annotations/spatialIndex';

/**
 * The annotation under (x, y) level-0 px, within `tolerance` level-0 px of its outline, or null. Points, lines and
 * outlines hit near their edge win over areas the point merely lies inside, and among areas the smallest wins, so a
 * small region drawn inside a large one can still be picked.
 */
export function pickAnnotation(index: SpatialIndex<number>, geometryOf: (id: number) => Geometry | undefined, x: number, y: number, tolerance: number): number | null {
  let best: number | null = null;
  let bestScore = Infinity;
  let bestD = Infinity;
  for (const id of index.search({ minX: x - tolerance, minY: y - tolerance, maxX: x + tolerance, maxY: y + tolerance })) {
    const g = geometryOf(id);
    if (!g) continue;
    const d = distanceToGeometry(g, x, y);
    if (d > tolerance) continue;
    const score = d > 0 ? 0 : geometryArea(g);
    if (score < bestScore || (score === bestScore && d < bestD)) {
      best = id;
      bestScore = score;
      bestD = d;
    }
  }
  return best;
}
