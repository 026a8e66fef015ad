import { compareByFirstVisit } from './order';
import type { BehaviorCommand, Segment } from './types';

/** Normalise step: numbers the commands 1, 2, … in order of first visit and turns parent indexes into ids. */
export function normaliseSegments(segments: readonly Segment[], parents: Int32Array): BehaviorCommand[] {
  const order = segments.map((_, i) => i).sort((a, b) => compareByFirstVisit(segments[a], segments[b]) || a - b);
  const idOf = new Int32Array(segments.length);
  order.forEach((index, k) => (idOf[index] = k + 1));
  return order.map((index, k) => {
    const s = segments[index];
    const parent = parents[index];
    return {
      id: k + 1,
      kind: s.kind,
      magnification: s.magnification,
      box: [s.box[0], s.box[1], s.box[2], s.box[3]],
      start: s.start,
      duration: s.duration,
      visits: s.visits,
      parentId: parent >= 0 ? idOf[parent] : null,
    };
  });
}
