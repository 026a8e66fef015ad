import { z } from 'zod';
import { passesFastCheck } from './fastCheck';
import { NAVIGATION_EVENT_SCHEMAS, NavigationEvent } from './schema';

function fastPasses(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  const type = (v as { type?: unknown }).type;
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(NAVIGATION_EVENT_SCHEMAS, type) && passesFastCheck(type as NavigationEvent['type'], v);
}

/**
 * A batch of events as a recorder sends it. It accepts exactly what `z.array(NavigationEvent).max(max)` accepts, with
 * the same messages, but the frequent shapes (viewport, cursor, focus…) pass a hand-written check instead of zod,
 * which took a sixth of the time of storing a batch. Events are used as they come: none of the event schemas
 * transforms its input.
 */
export function navigationEventBatch(max: number) {
  return z
    .array(z.custom<NavigationEvent>())
    .max(max)
    .superRefine((events, ctx) => {
      for (let i = 0; i < events.length; i++) {
        const v: unknown = events[i];
        if (fastPasses(v)) continue;
        const r = NavigationEvent.safeParse(v);
        if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [i, ...issue.path] });
      }
    });
}
