import { iou, unionBox } from './boxes';
import type { BehaviorConfig } from './config';
import { compareByFirstVisit } from './order';
import type { Segment } from './types';

function byBinThenLeft(a: Segment, b: Segment): number {
  return a.magnification - b.magnification || a.box[0] - b.box[0] || compareByFirstVisit(a, b);
}

/**
 * Merge step: commands of the same bin whose boxes overlap with IoU > mergeMinIou become one (box: the union,
 * start: the earliest, durations and visits added), repeated until no such pair is left, so a second run changes
 * nothing. Returns new objects; the input is not touched.
 */
export function mergeSegments(segments: readonly Segment[], config: Pick<BehaviorConfig, 'mergeMinIou'>): Segment[] {
  const threshold = config.mergeMinIou;
  let items: Segment[] = segments.map((s) => ({ kind: s.kind, magnification: s.magnification, box: [s.box[0], s.box[1], s.box[2], s.box[3]], start: s.start, duration: s.duration, visits: s.visits }));
  for (;;) {
    items.sort(byBinThenLeft);
    const removed = new Uint8Array(items.length);
    let changed = false;
    for (let i = 0; i < items.length; i++) {
      if (removed[i]) continue;
      const a = items[i];
      for (let j = i + 1; j < items.length; j++) {
        const b = items[j];
        if (b.magnification !== a.magnification) break;
        // Sorted by left edge: IoU > t needs the overlap to be wider than t × a's width, so b must start before
        // a.x0 + (1 − t) × a's width (the small slack keeps float rounding from cutting the scan short).
        const w = a.box[2] - a.box[0];
        if (b.box[0] > a.box[0] + (1 - threshold) * w + 1e-9 * w) break;
        if (removed[j] || iou(a.box, b.box) <= threshold) continue;
        a.box = unionBox(a.box, b.box);
        a.start = Math.min(a.start, b.start);
        a.duration += b.duration;
        a.visits += b.visits;
        removed[j] = 1;
        changed = true;
      }
    }
    if (!changed) return items;
    items = items.filter((_, k) => !removed[k]);
  }
}
