// The scripted navigation as events on a 98304 × 65536 slide at 40× objective (recordingSetup's slide):
// dwell at 10× on A, pan at 10×, peek at 40× inside A, idle for 70 s, dwell at 5× on B.
import type { NavigationEvent } from '../../../shared/navigation';
import { viewportEvent } from '../../../shared/navigation';

const CW = 1600;
const CH = 900;
const view = (t: number, cx: number, cy: number, magnification: number) => viewportEvent({ t, cx, cy, zoom: magnification / 40, cw: CW, ch: CH });

export const A = { cx: 30_000, cy: 30_000 };
export const B = { cx: 70_000, cy: 50_000 };

/** Events in time order; `end` false leaves the session open. */
export function scriptedEvents(end = true): NavigationEvent[] {
  const ev: NavigationEvent[] = [view(0, 49_152, 32_768, 0.6)]; // the whole slide: an overview, dropped
  let t = 2000;
  ev.push(view(t, A.cx, A.cy, 10)); // A at 10×: a 6400 × 3600 view
  t += 3000;
  ev.push({ type: 'cursor', t, x: A.cx, y: A.cy });
  // Pan right at 10×, one view width per second for 3.3 s.
  let x = A.cx;
  for (let f = 1; f <= 100; f++) ev.push(view(t + f * 33, (x += 6400 / 30), A.cy, 10));
  t += 100 * 33 + 33;
  ev.push(view(t, A.cx + 500, A.cy + 200, 40)); // peek at 40× inside A
  t += 2000;
  ev.push({ type: 'cursor', t, x: A.cx, y: A.cy });
  t += 70_000; // no event at all for 70 s
  ev.push({ type: 'cursor', t, x: A.cx, y: A.cy });
  ev.push(view(t, B.cx, B.cy, 5));
  t += 3000;
  ev.push(end ? { type: 'end', t } : { type: 'cursor', t, x: B.cx, y: B.cy });
  return ev;
}
