import { BoxGrid } from './boxGrid';
import { boxArea, insideFraction } from './boxes';
import type { BehaviorConfig } from './config';
import { compareByFirstVisit } from './order';
import type { Segment } from './types';

/**
 * Pair step: each peek whose box lies inside an inspect box (at least pairMinInside of its area) gets that inspect
 * as parent; with several candidates, the smallest box wins (then the earliest). Returns, per segment, the index of
 * its parent in `segments`, or -1.
 */
export function pairSegments(segments: readonly Segment[], config: Pick<BehaviorConfig, 'pairMinInside'>): Int32Array {
  const parents = new Int32Array(segments.length).fill(-1);
  const minInside = config.pairMinInside - 1e-12;
  const inspects: number[] = [];
  for (let i = 0; i < segments.length; i++) if (segments[i].kind === 'inspect') inspects.push(i);
  if (inspects.length === 0) return parents;
  const grid = new BoxGrid(inspects.map((i) => segments[i].box));
  for (let p = 0; p < segments.length; p++) {
    const peek = segments[p];
    if (peek.kind !== 'peek') continue;
    let best = -1;
    let bestArea = Infinity;
    for (const k of grid.candidates(peek.box)) {
      const i = inspects[k];
      const box = segments[i].box;
      if (insideFraction(peek.box, box) < minInside) continue;
      const area = boxArea(box);
      if (area < bestArea || (area === bestArea && (compareByFirstVisit(segments[i], segments[best]) || i - best) < 0)) {
        best = i;
        bestArea = area;
      }
    }
    parents[p] = best;
  }
  return parents;
}
