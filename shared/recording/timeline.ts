import { canonicalOrder } from '../behavior/canonicalOrder';
import type { NavigationEvent, ViewportEvent } from '../navigation/schema';

/** A viewport event and the active time (ms) during which it was the view on screen. */
export interface ViewDwell {
  view: ViewportEvent;
  activeMs: number;
}

export interface Timeline {
  /** Every viewport event in time order (ties in canonical order), with its active time (0 when never seen). */
  views: ViewDwell[];
  /** Active stretches [from, to) in ms, in order, touching stretches joined. */
  active: Array<[number, number]>;
  activeMs: number;
  /** The session's end: the `end` event's time, else the last event's (ms). */
  endMs: number;
}

/**
 * One pass over a session, with the behaviour pipeline's rules for what counts as looking: the time between two
 * consecutive events is active unless the window is blurred, the page hidden, the user idle (idle … next input or
 * active), or the gap is at least idleGapMs. Active time is credited to the view current at the time (the last
 * viewport event before it). Nothing after an `end` event counts.
 */
export function buildTimeline(input: readonly NavigationEvent[], idleGapMs: number): Timeline {
  const events = canonicalOrder(input);
  const views: ViewDwell[] = [];
  const active: Array<[number, number]> = [];
  let current: ViewDwell | null = null;
  let blurred = false;
  let hidden = false;
  let idle = false;
  let prevT = 0;
  let activeMs = 0;
  const n = events.length;
  let endMs = n > 0 ? events[n - 1].t : 0;

  scan: for (let i = 0; i < n; i++) {
    const e = events[i];
    const t = e.t;
    if (t > prevT) {
      const dt = t - prevT;
      if (!blurred && !hidden && !idle && dt < idleGapMs) {
        activeMs += dt;
        if (current !== null) current.activeMs += dt;
        const last = active.length > 0 ? active[active.length - 1] : null;
        if (last !== null && last[1] === prevT) last[1] = t;
        else active.push([prevT, t]);
      }
      prevT = t;
    }
    switch (e.type) {
      case 'viewport':
        idle = false;
        current = { view: e, activeMs: 0 };
        views.push(current);
        break;
      case 'cursor':
      case 'hotkey':
      case 'annotation':
      case 'active':
        idle = false;
        break;
      case 'idle':
        idle = true;
        break;
      case 'blur':
        blurred = true;
        break;
      case 'focus':
        blurred = false;
        break;
      case 'hidden':
        hidden = true;
        break;
      case 'visible':
        hidden = false;
        break;
      case 'end':
        endMs = t;
        break scan;
    }
  }
  return { views, active, activeMs, endMs };
}
