import type { NavigationEvent, NavigationEventType, ViewportEvent } from '../navigation/schema';

/**
 * Order of events that share a time: first those ending a cut-out (focus, visible, active), then input (viewport,
 * cursor, hotkey, annotation), then those starting a cut-out (blur, hidden, idle), then end. So a stream means the
 * same whatever order a recorder wrote its tied events in.
 */
const TIE_RANK: Record<NavigationEventType, number> = {
  focus: 0,
  visible: 1,
  active: 2,
  viewport: 3,
  cursor: 4,
  hotkey: 5,
  annotation: 6,
  blur: 7,
  hidden: 8,
  idle: 9,
  end: 10,
};

const VIEW_KEYS = ['cx', 'cy', 'zoom', 'rotation', 'x0', 'y0', 'x1', 'y1', 'cw', 'ch', 'dpr'] as const;

/** Compares two events with the same time (negative: a first). Tied viewports are ordered by their numbers. */
export function compareTiedEvents(a: NavigationEvent, b: NavigationEvent): number {
  const r = TIE_RANK[a.type] - TIE_RANK[b.type];
  if (r !== 0 || a.type !== 'viewport') return r;
  const va = a as ViewportEvent;
  const vb = b as ViewportEvent;
  for (const k of VIEW_KEYS) {
    const d = va[k] - vb[k];
    if (d !== 0) return d;
  }
  return 0;
}

function compareEvents(a: NavigationEvent, b: NavigationEvent): number {
  return a.t - b.t || compareTiedEvents(a, b);
}

/** Stable insertion sort of events[from, to), all with the same time (tie groups are short). */
function sortTies(events: NavigationEvent[], from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const e = events[i];
    let j = i - 1;
    while (j >= from && compareTiedEvents(events[j], e) > 0) {
      events[j + 1] = events[j];
      j--;
    }
    events[j + 1] = e;
  }
}

/**
 * The events sorted by time, ties in canonical order. Returns the input array itself when it is already so ordered
 * (one scan, no copy); otherwise a sorted copy. Never mutates the input.
 */
export function canonicalOrder(events: readonly NavigationEvent[]): readonly NavigationEvent[] {
  const n = events.length;
  let firstDisorder = -1;
  for (let i = 1; i < n; i++) {
    const prev = events[i - 1];
    const cur = events[i];
    if (cur.t < prev.t) return events.slice().sort(compareEvents);
    if (firstDisorder < 0 && cur.t === prev.t && compareTiedEvents(prev, cur) > 0) firstDisorder = i;
  }
  if (firstDisorder < 0) return events;
  // Sorted by time; only some tie groups are out of canonical order.
  const out = events.slice();
  let start = firstDisorder - 1;
  while (start > 0 && out[start - 1].t === out[start].t) start--;
  for (let i = start; i < n; ) {
    let j = i + 1;
    while (j < n && out[j].t === out[i].t) j++;
    if (j - i > 1) sortTies(out, i, j);
    i = j;
  }
  return out;
}
