import { useEffect, useMemo, useRef, useState } from 'react';
import { decodeWaveform, type WaveformData } from '../../../../shared/contract/video';
import { usePlaybackStore } from '../../stores/usePlaybackStore';
import { useVideoStore } from '../../stores/useVideoStore';
import { useProfileStore } from '../../stores/useProfileStore';
import { drawPlayhead, drawTimelineLayer, type DrawState, type TimelineItem } from './drawTimeline';
import { clampWindow, follow, hitTest, panWindow, SpanIndex, timelineLayout, xToMs, zoomWindow, type TimelineWindow } from './timelineModel';
import { instanceLabel } from './labels';

type Drag =
  | { kind: 'edge'; id: number; edge: 'start' | 'end'; startMs: number; endMs: number }
  | { kind: 'pan'; x0: number; window0: TimelineWindow; moved: boolean; ms: number };

const MIN_SPAN_MS = 100;

/**
 * The zoomable timeline on a canvas: ruler, waveform, console lane and one lane per speaker. Only the instances in
 * the visible window are drawn, so it stays smooth with thousands of them. Drag an edge of your own instance to move
 * it; click an instance to select it; click elsewhere to seek; drag the background to pan; wheel to zoom.
 */
export function Timeline({ waveformUrl }: { waveformUrl: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [waveform, setWaveform] = useState<WaveformData | null>(null);
  const opened = useVideoStore((s) => s.opened);
  const instances = useVideoStore((s) => s.instances);
  const consoleRows = useVideoStore((s) => s.console);
  const selectedId = useVideoStore((s) => s.selectedId);
  const myId = useProfileStore((s) => s.current?.id ?? null);
  const durationMs = usePlaybackStore((s) => s.durationMs) || opened?.media.durationMs || 1;
  const [win, setWin] = useState<TimelineWindow>({ startMs: 0, endMs: durationMs });
  const winRef = useRef(win);
  winRef.current = win;
  const dragRef = useRef<Drag | null>(null);
  const [preview, setPreviewState] = useState<DrawState['preview']>(null);
  const previewRef = useRef<DrawState['preview']>(null);
  const setPreview = (p: DrawState['preview']) => {
    previewRef.current = p;
    setPreviewState(p);
  };
  const scratch = useRef<TimelineItem[]>([]);

  const speakers = opened?.vocabulary.speakers;
  const layout = useMemo(() => timelineLayout(width, speakers ?? []), [width, speakers]);
  const index = useMemo(() => {
    const labelOf = opened ? (i: (typeof instances)[number]) => instanceLabel(i, opened.vocabulary) : () => '';
    return new SpanIndex<TimelineItem>(
      instances.map((i) => ({ id: i.id, startMs: i.startMs, endMs: i.endMs, speaker: i.speaker, proposed: i.status === 'proposed', other: i.annotatorId !== myId, label: labelOf(i) })),
    );
  }, [instances, myId, opened]);

  useEffect(() => {
    setWin((w) => clampWindow(w.endMs - w.startMs > 1 ? w : { startMs: 0, endMs: durationMs }, durationMs));
  }, [durationMs]);

  useEffect(() => {
    let cancelled = false;
    setWaveform(null);
    fetch(waveformUrl)
      .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status}`))))
      .then((b) => !cancelled && setWaveform(decodeWaveform(b)))
      .catch(() => !cancelled && setWaveform({ bucketMs: 10, min: new Int8Array(0), max: new Int8Array(0) }));
    return () => {
      cancelled = true;
    };
  }, [waveformUrl]);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(200, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Drawing follows the playhead without re-rendering React: a store subscription schedules one frame at a time.
  // The still parts live in an offscreen layer that is redrawn only when the window or the content changes, so a
  // frame while the video plays is one image copy and a line.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(layout.width * dpr);
    canvas.height = Math.round(layout.height * dpr);
    const ctx = canvas.getContext('2d');
    const layer = document.createElement('canvas');
    layer.width = canvas.width;
    layer.height = canvas.height;
    const lctx = layer.getContext('2d');
    if (!ctx || !lctx) return;
    let layerKey = '';
    let frame = 0;
    const draw = () => {
      frame = 0;
      const p = usePlaybackStore.getState();
      let w = winRef.current;
      if (p.playing && !dragRef.current) {
        const next = follow(w, p.currentMs, durationMs);
        if (next !== w) {
          w = next;
          winRef.current = next;
          setWin(next);
        }
      }
      const state: DrawState = { layout, window: w, index, waveform, console: consoleRows, playheadMs: p.currentMs, selectedId, markInMs: p.markInMs, loop: p.loop, preview };
      const key = `${w.startMs}|${w.endMs}|${p.loop?.startMs}|${p.loop?.endMs}`;
      if (key !== layerKey) {
        layerKey = key;
        lctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        drawTimelineLayer(lctx, state, scratch.current);
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(layer, 0, 0);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawPlayhead(ctx, state);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    schedule();
    const unsub = usePlaybackStore.subscribe(schedule);
    return () => {
      unsub();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [layout, index, waveform, consoleRows, selectedId, preview, win, durationMs]);

  // Wheel must be non-passive to keep the page from scrolling while zooming.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const w = winRef.current;
      const rect = canvas.getBoundingClientRect();
      const span = w.endMs - w.startMs;
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) setWin(panWindow(w, ((e.deltaX || e.deltaY) / rect.width) * span, durationMs));
      else setWin(zoomWindow(w, Math.exp(e.deltaY * 0.0015), xToMs(e.clientX - rect.left, w, rect.width), durationMs));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [durationMs]);

  const pointer = (e: React.PointerEvent) => {
    const r = (e.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const hitAt = (x: number, y: number) =>
    hitTest(x, y, layout, winRef.current, index.visible(winRef.current, []), (s) => !s.other);

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const { x, y } = pointer(e);
    e.currentTarget.setPointerCapture(e.pointerId);
    const hit = hitAt(x, y);
    const store = useVideoStore.getState();
    if (hit.kind === 'edge') {
      store.select(hit.span.id);
      dragRef.current = { kind: 'edge', id: hit.span.id, edge: hit.edge, startMs: hit.span.startMs, endMs: hit.span.endMs };
      setPreview({ id: hit.span.id, startMs: hit.span.startMs, endMs: hit.span.endMs });
    } else if (hit.kind === 'body') {
      store.select(hit.span.id);
      usePlaybackStore.getState().seek(hit.span.startMs);
    } else {
      dragRef.current = { kind: 'pan', x0: x, window0: winRef.current, moved: false, ms: hit.ms };
    }
  };
  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const { x, y } = pointer(e);
    const d = dragRef.current;
    const w = winRef.current;
    if (!d) {
      const hit = hitAt(x, y);
      e.currentTarget.style.cursor = hit.kind === 'edge' ? 'ew-resize' : hit.kind === 'body' ? 'pointer' : 'crosshair';
      return;
    }
    if (d.kind === 'edge') {
      const ms = Math.round(Math.max(0, Math.min(durationMs, xToMs(x, w, layout.width))));
      const next = d.edge === 'start' ? { startMs: Math.min(ms, d.endMs - MIN_SPAN_MS), endMs: d.endMs } : { startMs: d.startMs, endMs: Math.max(ms, d.startMs + MIN_SPAN_MS) };
      setPreview({ id: d.id, ...next });
    } else {
      if (Math.abs(x - d.x0) > 3) d.moved = true;
      if (d.moved) setWin(panWindow(d.window0, ((d.x0 - x) / layout.width) * (d.window0.endMs - d.window0.startMs), durationMs));
    }
  };
  const onPointerUp = () => {
    const d = dragRef.current;
    dragRef.current = null;
    if (!d) return;
    if (d.kind === 'edge') {
      const p = previewRef.current;
      setPreview(null);
      if (p && (p.startMs !== d.startMs || p.endMs !== d.endMs)) void useVideoStore.getState().update(d.id, { startMs: p.startMs, endMs: p.endMs });
    } else if (!d.moved) {
      usePlaybackStore.getState().seek(d.ms);
    }
  };

  const zoomBy = (f: number) => setWin(zoomWindow(win, f, usePlaybackStore.getState().currentMs, durationMs));
  const visibleCount = index.visible(win, []).length;
  return (
    <div className="timeline" ref={wrapRef}>
      <div className="timeline-bar">
        <button onClick={() => zoomBy(0.5)} aria-label="Zoom in" title="Zoom in (wheel)">
          +
        </button>
        <button onClick={() => zoomBy(2)} aria-label="Zoom out" title="Zoom out (wheel)">
          −
        </button>
        <button onClick={() => setWin({ startMs: 0, endMs: durationMs })} aria-label="Show the whole video">
          Fit
        </button>
        <span className="muted small" data-testid="timeline-window">
          {((win.endMs - win.startMs) / 1000).toFixed(1)} s in view · {visibleCount} of {instances.length} instance(s)
        </span>
        <span className="lane-legend small">
          {layout.lanes.map((l) => (
            <span key={l.key}>{l.label}</span>
          ))}
        </span>
      </div>
      <canvas
        ref={canvasRef}
        className="timeline-canvas"
        style={{ width: layout.width, height: layout.height }}
        role="img"
        aria-label={`Timeline: ${instances.length} instance(s), lanes ${layout.lanes.map((l) => l.label).join(', ')}`}
        data-testid="timeline"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      />
    </div>
  );
}
