import { iou, unionBox } from './boxes';
import type { BehaviorConfig } from './config';
import { compareByFirstVisit } from './order';
import type { Segment } from './types';

function byBinThenLeft(a: Segment, b: Segment): number {
  return a.magnification - b.magnification || a.box[0] - b.box[0] || compareByFirstVisit(a, b);
}

/**
 * Merge step: commands of the same bin whose boxes overlap with IoU > mergeMinIou become one (box: the union,
 * start: the earliest, durations and visits added). Passes repeat until no such pair is left, so a second run
 * changes nothing. Returns new objects; the input is not touched.
 */
export function mergeSegments(segments: readonly Segment[], config: Pick<BehaviorConfig, 'mergeMinIou'>): Segment[] {
  const threshold = config.mergeMinIou;
  // IoU > t needs the overlap to be wider than t × either box's width (and taller than t × either's height): with
  // boxes sorted by left edge, b must start within (1 − t) × a's width of a's left edge, and likewise in y.
  const slack = 1 - threshold + 1e-9;
  let items: Segment[] = segments.map((s) => ({ kind: s.kind, magnification: s.magnification, box: [s.box[0], s.box[1], s.box[2], s.box[3]], start: s.start, duration: s.duration, visits: s.visits }));
  // After the first pass only pairs with a box that grew in the last pass can newly qualify.
  let grewBefore: Uint8Array | null = null;
  for (;;) {
    const n = items.length;
    const order: number[] = new Array<number>(n);
    for (let k = 0; k < n; k++) order[k] = k;
    order.sort((i, j) => byBinThenLeft(items[i], items[j]));
    const bin = new Float64Array(n);
    const x0 = new Float64Array(n);
    const y0 = new Float64Array(n);
    const x1 = new Float64Array(n);
    const y1 = new Float64Array(n);
    const old = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const index = order[k];
      const s = items[index];
      bin[k] = s.magnification;
      x0[k] = s.box[0];
      y0[k] = s.box[1];
      x1[k] = s.box[2];
      y1[k] = s.box[3];
      old[k] = grewBefore === null || grewBefore[index] ? 0 : 1;
    }
    // nextFresh[k]: the first position ≥ k whose box grew in the last pass (n when none); lets an unchanged box
    // skip straight to the boxes it has not been compared with yet.
    const nextFresh = new Int32Array(n + 1);
    nextFresh[n] = n;
    for (let k = n - 1; k >= 0; k--) nextFresh[k] = old[k] ? nextFresh[k + 1] : k;
    const removed = new Uint8Array(n);
    const grown = new Uint8Array(n);
    let changed = false;
    for (let i = 0; i < n; i++) {
      if (removed[i]) continue;
      const a = items[order[i]];
      let reach = x0[i] + slack * (x1[i] - x0[i]);
      const skip = old[i] === 1;
      for (let j = skip ? nextFresh[i + 1] : i + 1; j < n; j = skip ? nextFresh[j + 1] : j + 1) {
        if (bin[j] !== bin[i] || x0[j] > reach) break;
        if (removed[j]) continue;
        if (y0[j] >= y0[i] ? y0[j] > y0[i] + slack * (y1[i] - y0[i]) : y0[i] > y0[j] + slack * (y1[j] - y0[j])) continue;
        const b = items[order[j]];
        if (iou(a.box, b.box) <= threshold) continue;
        a.box = unionBox(a.box, b.box);
        a.start = Math.min(a.start, b.start);
        a.duration += b.duration;
        a.visits += b.visits;
        x0[i] = a.box[0];
        y0[i] = a.box[1];
        x1[i] = a.box[2];
        y1[i] = a.box[3];
        reach = x0[i] + slack * (x1[i] - x0[i]);
        removed[j] = 1;
        grown[i] = 1;
        changed = true;
      }
    }
    if (!changed) return items;
    const kept: Segment[] = [];
    const keptGrew: number[] = [];
    for (let k = 0; k < n; k++) {
      if (removed[k]) continue;
      kept.push(items[order[k]]);
      keptGrew.push(grown[k]);
    }
    items = kept;
    grewBefore = Uint8Array.from(keptGrew);
  }
}
