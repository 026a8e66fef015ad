// A seeded generator of plausible navigation sessions: dwells, pans, zooms, jumps, rotations, cursor moves, blur,
// hidden and idle stretches, long silent gaps and events that share a time.
import type { NavigationEvent, NavigationSession, SlideHeader } from '../../../shared/navigation';
import { viewportEvent } from '../../../shared/navigation';

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomSessionOptions {
  /** Share of events that take the previous event's time (default 0.1). */
  ties?: number;
  /** Add an `end` event (default: decided by the seed). */
  end?: boolean;
}

export function randomSession(seed: number, count: number, options: RandomSessionOptions = {}): NavigationSession {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const width = 20_000 + Math.floor(rnd() * 130_000);
  const height = 20_000 + Math.floor(rnd() * 100_000);
  const slide: SlideHeader =
    rnd() < 0.5
      ? { type: 'slide', id: `random-${seed}`, width, height, objectivePower: pick([20, 40]) }
      : { type: 'slide', id: `random-${seed}`, width, height, mpp: 0.2 + rnd() * 0.8 };
  const perZoom = slide.objectivePower ?? 10 / (slide.mpp as number);
  const ties = options.ties ?? 0.1;
  const withEnd = options.end ?? rnd() < 0.5;
  const cw = pick([800, 1280, 1920]);
  const ch = pick([600, 800, 1080]);

  let cx = width / 2;
  let cy = height / 2;
  let magnification = 1;
  let rotation = 0;
  let t = 0;
  let blurred = false;
  let hidden = false;
  let idle = false;
  const events: NavigationEvent[] = [];
  const total = withEnd ? count - 1 : count;

  while (events.length < total) {
    const r = rnd();
    if (rnd() >= ties || events.length === 0) {
      t += r < 0.55 ? 10 + Math.floor(rnd() * 40) : r < 0.85 ? 200 + Math.floor(rnd() * 2800) : r < 0.98 ? 3000 + Math.floor(rnd() * 17_000) : 60_000 + Math.floor(rnd() * 60_000);
    }
    const k = rnd();
    if (k < 0.6) {
      const viewWidth = cw / (magnification / perZoom);
      const move = rnd();
      if (move < 0.4) {
        cx += (rnd() - 0.5) * 0.4 * viewWidth;
        cy += (rnd() - 0.5) * 0.4 * viewWidth;
      } else if (move < 0.7) {
        cx += (0.3 + rnd() * 0.7) * viewWidth * (rnd() < 0.5 ? -1 : 1);
        cy += (rnd() - 0.5) * 0.5 * viewWidth;
      } else if (move < 0.8) {
        cx = rnd() * width;
        cy = rnd() * height;
      } else if (move < 0.97) {
        magnification = Math.min(80, Math.max(0.2, magnification * pick([0.5, 0.7, 1.4, 2, 4, 0.25])));
      } else {
        rotation = pick([0, 0, 90, 180, 270, rnd() * 360]);
      }
      if (idle) idle = false;
      events.push(viewportEvent({ t, cx, cy, zoom: magnification / perZoom, rotation, cw, ch, dpr: 1 }));
    } else if (k < 0.85) {
      events.push({ type: 'cursor', t, x: cx + (rnd() - 0.5) * 1000, y: cy + (rnd() - 0.5) * 1000 });
    } else if (k < 0.89) {
      events.push({ type: blurred ? 'focus' : 'blur', t });
      blurred = !blurred;
    } else if (k < 0.92) {
      events.push({ type: hidden ? 'visible' : 'hidden', t });
      hidden = !hidden;
    } else if (k < 0.96) {
      events.push({ type: idle ? 'active' : 'idle', t });
      idle = !idle;
    } else if (k < 0.98) {
      const m = pick([1.25, 2.5, 5, 10, 20, 40]);
      events.push({ type: 'hotkey', t, key: String(m), magnification: m });
    } else {
      events.push({ type: 'annotation', t, action: 'create', annotationId: `a${events.length}`, geometry: { kind: 'point', x: cx, y: cy } });
    }
  }
  if (withEnd) events.push({ type: 'end', t: t + Math.floor(rnd() * 5000) });
  return { slide, events };
}
