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

/**
 * A session paced like a real recording: the viewer samples the view at 30 Hz while it moves (pans, zoom
 * animations), the cursor at up to 60 Hz, and rests for seconds between moves; now and then the window loses focus,
 * the page is hidden or the user goes idle. One million events is roughly a working day.
 */
export function recordingSession(seed: number, count: number): NavigationSession {
  const rnd = prng(seed);
  const width = 150_000;
  const height = 100_000;
  const slide: SlideHeader = { type: 'slide', id: `recording-${seed}`, width, height, mpp: 0.25, objectivePower: 40 };
  const cw = 1920;
  const ch = 1080;
  const events: NavigationEvent[] = [];
  let t = 0;
  let cx = width / 2;
  let cy = height / 2;
  let magnification = 1.25;
  const view = () => events.push(viewportEvent({ t, cx, cy, zoom: magnification / 40, cw, ch }));
  view();
  while (events.length < count) {
    const r = rnd();
    if (r < 0.45) {
      // Rest: the cursor wanders for a while (or not), then stops.
      const rest = 300 + rnd() * 6000;
      const until = t + rest;
      if (rnd() < 0.6) while (t < until && events.length < count) {
        t += 16 + Math.floor(rnd() * 20);
        events.push({ type: 'cursor', t, x: cx + (rnd() - 0.5) * 500, y: cy + (rnd() - 0.5) * 500 });
      }
      t = Math.max(t, Math.floor(until));
    } else if (r < 0.8) {
      // Pan: a steady drag for 0.2–3 s.
      const w = cw / (magnification / 40);
      const vx = (rnd() - 0.5) * w * 1.5;
      const vy = (rnd() - 0.5) * w;
      const frames = 6 + Math.floor(rnd() * 84);
      for (let f = 0; f < frames && events.length < count; f++) {
        t += 33;
        cx = Math.min(width, Math.max(0, cx + vx / 30));
        cy = Math.min(height, Math.max(0, cy + vy / 30));
        view();
      }
    } else if (r < 0.95) {
      // Zoom: a 0.4 s animation to the next or previous power, or a hotkey jump.
      const target = Math.min(40, Math.max(1.25, magnification * (rnd() < 0.55 ? 2 : 0.5)));
      if (rnd() < 0.2) events.push({ type: 'hotkey', t, key: String(target), magnification: target });
      const from = magnification;
      for (let f = 1; f <= 12 && events.length < count; f++) {
        t += 33;
        magnification = from * Math.pow(target / from, f / 12);
        view();
      }
      magnification = target;
    } else {
      // Away: blur, hidden or idle for up to two minutes.
      const kind = rnd();
      const [on, off] = kind < 0.4 ? (['blur', 'focus'] as const) : kind < 0.7 ? (['hidden', 'visible'] as const) : (['idle', 'active'] as const);
      events.push({ type: on, t });
      t += 1000 + Math.floor(rnd() * 120_000);
      if (events.length < count) events.push({ type: off, t });
    }
  }
  return { slide, events: events.slice(0, count) };
}
