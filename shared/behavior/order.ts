import type { Segment } from './types';

/** A total order on segments by first visit, then bin, box, duration, visits: the numbering order. */
export function compareByFirstVisit(a: Segment, b: Segment): number {
  return (
    a.start - b.start ||
    a.magnification - b.magnification ||
    a.box[0] - b.box[0] ||
    a.box[1] - b.box[1] ||
    a.box[2] - b.box[2] ||
    a.box[3] - b.box[3] ||
    a.duration - b.duration ||
    a.visits - b.visits
  );
}
