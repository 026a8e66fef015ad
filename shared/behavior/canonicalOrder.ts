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

/**
 * The events sorted by time, ties in canonical order. Returns the input array itself when it is already so ordered
 * (the common case: one scan, no copy); never mutates it.
 */
export function canonicalOrder(events: readonly NavigationEvent[]): readonly NavigationEvent[] {
  for (let i = 1; i < events.length; i++) {
    const prev = events[i - 1];
    const cur = events[i];
    if (cur.t < prev.t || (cur.t === prev.t && compareTiedEvents(prev, cur) > 0)) {
      return events.slice().sort(compareEvents);
    }
  }
  return events;
}
