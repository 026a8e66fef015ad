import type { WaveformData } from '../../../../shared/contract/video';
import { formatClock, msToX, tickStep, type SpanIndex, type TimelineLayout, type TimelineWindow } from './timelineModel';

/** An instance as the timeline draws it. */
export interface TimelineItem {
  id: number;
  startMs: number;
  endMs: number;
  speaker: string;
  proposed: boolean;
  /** Another annotator's (drawn faded, not editable). */
  other: boolean;
  label: string;
}

export interface DrawState {
  layout: TimelineLayout;
  window: TimelineWindow;
  index: SpanIndex<TimelineItem>;
  waveform: WaveformData | null;
  console: readonly { startMs: number; endMs: number; speaker: string }[];
  playheadMs: number;
  selectedId: number | null;
  markInMs: number | null;
  loop: { startMs: number; endMs: number } | null;
  /** An edge being dragged: drawn at its new place. */
  preview: { id: number; startMs: number; endMs: number } | null;
}

const SPEAKER_COLOURS = ['#2454d6', '#067647', '#b54708', '#7a2e9e', '#0e7490'];

function laneOf(layout: TimelineLayout, key: string) {
  for (const l of layout.lanes) if (l.key === key) return l;
  return layout.lanes[0];
}

export function speakerColour(layout: TimelineLayout, key: string): string {
  const i = layout.lanes.findIndex((l) => l.key === key);
  return SPEAKER_COLOURS[(i < 0 ? 0 : i) % SPEAKER_COLOURS.length];
}

function drawRuler(ctx: CanvasRenderingContext2D, s: DrawState): void {
  const { layout: l, window: w } = s;
  ctx.fillStyle = '#f4f5f8';
  ctx.fillRect(0, l.ruler.y, l.width, l.ruler.h);
  const step = tickStep(w, l.width);
  ctx.strokeStyle = '#c5cad3';
  ctx.fillStyle = '#667085';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.beginPath();
  for (let t = Math.ceil(w.startMs / step) * step; t <= w.endMs; t += step) {
    const x = Math.round(msToX(t, w, l.width)) + 0.5;
    ctx.moveTo(x, l.ruler.y + l.ruler.h - 6);
    ctx.lineTo(x, l.height);
    ctx.fillText(formatClock(t, step < 1000 ? 1 : 0), x + 3, l.ruler.y + 3);
  }
  ctx.globalAlpha = 0.35;
  ctx.stroke();
  ctx.globalAlpha = 1;
}

function drawWaveform(ctx: CanvasRenderingContext2D, s: DrawState): void {
  const { layout: l, window: w, waveform: wf } = s;
  const mid = l.waveform.y + l.waveform.h / 2;
  const half = l.waveform.h / 2 - 2;
  ctx.fillStyle = '#fbfbfd';
  ctx.fillRect(0, l.waveform.y, l.width, l.waveform.h);
  if (!wf || wf.min.length === 0) {
    ctx.fillStyle = '#98a2b3';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.fillText(wf ? 'no sound' : 'loading waveform…', 6, mid);
    return;
  }
  ctx.fillStyle = '#7d8799';
  const n = wf.min.length;
  const msPerPx = (w.endMs - w.startMs) / l.width;
  for (let x = 0; x < l.width; x++) {
    const a = Math.floor((w.startMs + x * msPerPx) / wf.bucketMs);
    const b = Math.max(a + 1, Math.floor((w.startMs + (x + 1) * msPerPx) / wf.bucketMs));
    if (a >= n) break;
    let lo = 127;
    let hi = -127;
    for (let i = Math.max(0, a); i < Math.min(n, b); i++) {
      if (wf.min[i] < lo) lo = wf.min[i];
      if (wf.max[i] > hi) hi = wf.max[i];
    }
    if (hi < lo) continue;
    const y0 = mid - (hi / 127) * half;
    const y1 = mid - (lo / 127) * half;
    ctx.fillRect(x, y0, 1, Math.max(1, y1 - y0));
  }
}

function drawConsole(ctx: CanvasRenderingContext2D, s: DrawState): void {
  const { layout: l, window: w } = s;
  for (const c of s.console) {
    if (c.endMs <= w.startMs || c.startMs >= w.endMs) continue;
    const x0 = Math.max(0, msToX(c.startMs, w, l.width));
    const x1 = Math.min(l.width, msToX(c.endMs, w, l.width));
    ctx.fillStyle = speakerColour(l, c.speaker);
    ctx.globalAlpha = 0.55;
    ctx.fillRect(x0, l.console.y + 2, Math.max(1, x1 - x0), l.console.h - 4);
    ctx.globalAlpha = 1;
  }
}

/**
 * Everything but the playhead and the I mark: what changes only when the window, the instances or the selection
 * change, so the player can keep it in an offscreen layer while the video plays. Returns how many instances were
 * drawn (those in the window only).
 */
export function drawTimelineLayer(ctx: CanvasRenderingContext2D, s: DrawState, scratch: TimelineItem[] = []): number {
  const { layout: l, window: w } = s;
  ctx.clearRect(0, 0, l.width, l.height);
  drawRuler(ctx, s);
  drawWaveform(ctx, s);
  drawConsole(ctx, s);
  for (const [i, lane] of l.lanes.entries()) {
    ctx.fillStyle = i % 2 ? '#fafbfc' : '#ffffff';
    ctx.fillRect(0, lane.y, l.width, lane.h);
  }
  if (s.loop) {
    const x0 = msToX(s.loop.startMs, w, l.width);
    const x1 = msToX(s.loop.endMs, w, l.width);
    ctx.fillStyle = 'rgba(253, 176, 34, 0.18)';
    ctx.fillRect(x0, l.ruler.y, x1 - x0, l.height);
  }
  const visible = s.index.visible(w, scratch);
  // One path per style (speaker colour × proposed × other's), filled and stroked once: thousands of segments cost a
  // handful of canvas calls, not several each.
  const groups = new Map<string, { colour: string; proposed: boolean; other: boolean; fill: Path2D; stroke: Path2D; handles: Path2D }>();
  const labels: { text: string; x: number; y: number; w: number; h: number }[] = [];
  let selected: { x: number; y: number; w: number; h: number; colour: string } | null = null;
  // Zoomed far out, segments are a few pixels wide: touching ones of the same style merge into one rectangle.
  const dense = visible.length > l.width / 4;
  const runs = new Map<Path2D, { x0: number; x1: number; y: number; h: number }>();
  for (const it of visible) {
    const lane = laneOf(l, it.speaker);
    if (!lane) break;
    const span = s.preview && s.preview.id === it.id ? s.preview : it;
    const x0 = msToX(span.startMs, w, l.width);
    const width = Math.max(2, msToX(span.endMs, w, l.width) - x0);
    const y = lane.y + 3;
    const h = lane.h - 6;
    const colour = it.other ? '#98a2b3' : speakerColour(l, it.speaker);
    const key = `${colour}|${it.proposed ? 1 : 0}|${it.other ? 1 : 0}${dense ? `|${lane.key}` : ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { colour, proposed: it.proposed, other: it.other, fill: new Path2D(), stroke: new Path2D(), handles: new Path2D() }));
    if (it.id === s.selectedId) selected = { x: x0, y, w: width, h, colour };
    if (dense) {
      const run = runs.get(g.fill);
      if (run && x0 <= run.x1 + 1) run.x1 = Math.max(run.x1, x0 + width);
      else {
        if (run) g.fill.rect(run.x0, run.y, run.x1 - run.x0, run.h);
        runs.set(g.fill, { x0, x1: x0 + width, y, h });
      }
      continue;
    }
    g.fill.rect(x0, y, width, h);
    if (width > 3) g.stroke.rect(x0 + 0.5, y + 0.5, width - 1, h - 1);
    if (!it.other && !it.proposed && width > 10) {
      g.handles.rect(x0, y, 3, h);
      g.handles.rect(x0 + width - 3, y, 3, h);
    }
    if (width > 36 && it.label) labels.push({ text: it.label, x: x0, y, w: width, h });
  }
  for (const [fill, run] of runs) fill.rect(run.x0, run.y, run.x1 - run.x0, run.h);
  for (const g of groups.values()) {
    ctx.fillStyle = g.colour;
    ctx.strokeStyle = g.colour;
    ctx.globalAlpha = g.proposed ? 0.14 : g.other ? 0.25 : 0.32;
    ctx.fill(g.fill);
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1;
    ctx.setLineDash(g.proposed ? [5, 3] : []);
    ctx.stroke(g.stroke);
    ctx.setLineDash([]);
    ctx.fill(g.handles);
  }
  if (selected) {
    ctx.strokeStyle = selected.colour;
    ctx.lineWidth = 2.5;
    ctx.strokeRect(selected.x + 0.5, selected.y + 0.5, selected.w - 1, selected.h - 1);
  }
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#1d2330';
  for (const t of labels) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(t.x + 4, t.y, t.w - 8, t.h);
    ctx.clip();
    ctx.fillText(t.text, t.x + 6, t.y + t.h / 2);
    ctx.restore();
  }
  return visible.length;
}

/** The moving parts: the I mark and the playhead. */
export function drawPlayhead(ctx: CanvasRenderingContext2D, s: Pick<DrawState, 'layout' | 'window' | 'markInMs' | 'playheadMs'>): void {
  const { layout: l, window: w } = s;
  if (s.markInMs !== null) {
    const x = Math.round(msToX(s.markInMs, w, l.width)) + 0.5;
    ctx.strokeStyle = '#dc6803';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, l.ruler.y);
    ctx.lineTo(x, l.height);
    ctx.stroke();
    ctx.fillStyle = '#dc6803';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.fillText('I', x + 3, l.ruler.y + l.ruler.h / 2 + 1);
  }
  const px = Math.round(msToX(s.playheadMs, w, l.width)) + 0.5;
  ctx.strokeStyle = '#d92d20';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(px, 0);
  ctx.lineTo(px, l.height);
  ctx.stroke();
}

/** The whole timeline in one pass. */
export function drawTimeline(ctx: CanvasRenderingContext2D, s: DrawState, scratch: TimelineItem[] = []): number {
  const n = drawTimelineLayer(ctx, s, scratch);
  drawPlayhead(ctx, s);
  return n;
}
