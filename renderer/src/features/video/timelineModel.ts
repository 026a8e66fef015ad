/**
 * The timeline's geometry, free of the DOM: which part of the video is in view, where each lane is, which
 * instances fall in the window (binary search over start times, so a frame costs O(log n + visible)), and what
 * the pointer is over.
 */

export interface Span {
  id: number;
  startMs: number;
  endMs: number;
}

/** The visible window of the media, in ms. */
export interface TimelineWindow {
  startMs: number;
  endMs: number;
}

export const MIN_WINDOW_MS = 500;

/** Instances sorted by start, with the longest duration, so a window query can stop early. */
export class SpanIndex<T extends Span> {
  readonly sorted: T[];
  private readonly starts: Float64Array;
  readonly maxDurationMs: number;

  constructor(spans: readonly T[]) {
    this.sorted = [...spans].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs || a.id - b.id);
    this.starts = Float64Array.from(this.sorted, (s) => s.startMs);
    let max = 0;
    for (const s of this.sorted) max = Math.max(max, s.endMs - s.startMs);
    this.maxDurationMs = max;
  }

  /** First index whose start is ≥ t. */
  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The spans that overlap [startMs, endMs), in start order; `out` is reused to avoid allocation per frame. */
  visible(w: TimelineWindow, out: T[] = []): T[] {
    out.length = 0;
    const from = this.lowerBound(w.startMs - this.maxDurationMs);
    for (let i = from; i < this.sorted.length; i++) {
      const s = this.sorted[i];
      if (s.startMs >= w.endMs) break;
      if (s.endMs > w.startMs) out.push(s);
    }
    return out;
  }
}

/** The same query by scanning every span: the baseline the index is measured against. */
export function visibleByScan<T extends Span>(spans: readonly T[], w: TimelineWindow, out: T[] = []): T[] {
  out.length = 0;
  for (const s of spans) if (s.startMs < w.endMs && s.endMs > w.startMs) out.push(s);
  return out;
}

export const msToX = (ms: number, w: TimelineWindow, width: number) => ((ms - w.startMs) / (w.endMs - w.startMs)) * width;
export const xToMs = (x: number, w: TimelineWindow, width: number) => w.startMs + (x / width) * (w.endMs - w.startMs);

/** Keeps a window inside [0, duration] and at least MIN_WINDOW_MS wide (or the whole media when shorter). */
export function clampWindow(w: TimelineWindow, durationMs: number): TimelineWindow {
  const span = Math.min(Math.max(w.endMs - w.startMs, Math.min(MIN_WINDOW_MS, durationMs)), durationMs);
  let start = Math.max(0, w.startMs);
  if (start + span > durationMs) start = Math.max(0, durationMs - span);
  return { startMs: start, endMs: start + span };
}

/** Zooms by `factor` (< 1 zooms in) keeping the time under `anchorMs` where it is. */
export function zoomWindow(w: TimelineWindow, factor: number, anchorMs: number, durationMs: number): TimelineWindow {
  const span = w.endMs - w.startMs;
  const next = Math.min(durationMs, Math.max(MIN_WINDOW_MS, span * factor));
  const k = span > 0 ? (anchorMs - w.startMs) / span : 0.5;
  return clampWindow({ startMs: anchorMs - k * next, endMs: anchorMs - k * next + next }, durationMs);
}

export function panWindow(w: TimelineWindow, deltaMs: number, durationMs: number): TimelineWindow {
  return clampWindow({ startMs: w.startMs + deltaMs, endMs: w.endMs + deltaMs }, durationMs);
}

/** Moves the window so that `ms` is in view (paging forward as the playhead runs off the right edge). */
export function follow(w: TimelineWindow, ms: number, durationMs: number): TimelineWindow {
  const span = w.endMs - w.startMs;
  if (ms >= w.startMs && ms <= w.endMs) return w;
  const start = ms - span * 0.1;
  return clampWindow({ startMs: start, endMs: start + span }, durationMs);
}

export interface TimelineLayout {
  width: number;
  height: number;
  ruler: { y: number; h: number };
  waveform: { y: number; h: number };
  console: { y: number; h: number };
  /** One lane per speaker, in vocabulary order. */
  lanes: { key: string; label: string; y: number; h: number }[];
}

export const RULER_H = 20;
export const WAVEFORM_H = 44;
export const CONSOLE_H = 14;
export const LANE_H = 28;

export function timelineLayout(width: number, speakers: readonly { key: string; label: string }[]): TimelineLayout {
  let y = 0;
  const ruler = { y, h: RULER_H };
  y += RULER_H;
  const waveform = { y, h: WAVEFORM_H };
  y += WAVEFORM_H;
  const consoleLane = { y, h: CONSOLE_H };
  y += CONSOLE_H + 2;
  const lanes = speakers.map((s) => {
    const lane = { key: s.key, label: s.label, y, h: LANE_H };
    y += LANE_H;
    return lane;
  });
  return { width, height: y + 4, ruler, waveform, console: consoleLane, lanes };
}

export type Hit<T> = { kind: 'edge'; span: T; edge: 'start' | 'end' } | { kind: 'body'; span: T } | { kind: 'background'; ms: number };

/** What lies under the pointer: an instance's edge (within `edgePx`), its body, or the background at a time. */
export function hitTest<T extends Span & { speaker: string }>(
  x: number,
  y: number,
  layout: TimelineLayout,
  w: TimelineWindow,
  visible: readonly T[],
  canEdit: (s: T) => boolean,
  edgePx = 6,
): Hit<T> {
  const lane = layout.lanes.find((l) => y >= l.y && y < l.y + l.h);
  if (lane) {
    let body: T | null = null;
    let best: { span: T; edge: 'start' | 'end'; d: number } | null = null;
    for (const s of visible) {
      if (s.speaker !== lane.key) continue;
      const x0 = msToX(s.startMs, w, layout.width);
      const x1 = msToX(s.endMs, w, layout.width);
      if (canEdit(s)) {
        for (const [edge, ex] of [['start', x0], ['end', x1]] as const) {
          const d = Math.abs(x - ex);
          if (d <= edgePx && (!best || d < best.d)) best = { span: s, edge, d };
        }
      }
      if (x >= x0 && x <= x1) body = s;
    }
    if (best) return { kind: 'edge', span: best.span, edge: best.edge };
    if (body) return { kind: 'body', span: body };
  }
  return { kind: 'background', ms: xToMs(x, w, layout.width) };
}

/** A "nice" tick step (1, 2, 5 × 10^k ms) giving ticks at least `minPx` apart. */
export function tickStep(w: TimelineWindow, width: number, minPx = 70): number {
  const msPerPx = (w.endMs - w.startMs) / Math.max(1, width);
  const raw = msPerPx * minPx;
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** "m:ss.s" (or "h:mm:ss" past an hour). */
export function formatClock(ms: number, decimals = 1): string {
  const t = Math.max(0, ms) / 1000;
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  const ss = s.toFixed(decimals).padStart(decimals ? 3 + decimals : 2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
