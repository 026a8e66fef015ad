// Runs in the page of timeline.bench.ts (bundled with esbuild): draws the app's timeline on a real canvas, and a
// naive timeline (every instance, one canvas call sequence each, every frame) as the baseline. Plain JavaScript: the
// Node type-check has no DOM.
/* global window, document */
import { drawPlayhead, drawTimeline, drawTimelineLayer, speakerColour } from '../../renderer/src/features/video/drawTimeline';
import { msToX, SpanIndex, timelineLayout } from '../../renderer/src/features/video/timelineModel';

window.timelineBench = (n, durationMs) => {
  let s = 11;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const items = Array.from({ length: n }, (_, k) => {
    const start = Math.floor(rnd() * (durationMs - 20_000));
    return { id: k + 1, startMs: start, endMs: start + 1500 + Math.floor(rnd() * 12_000), speaker: rnd() < 0.8 ? 'trainer' : 'trainee', proposed: rnd() < 0.2, other: false, label: 'Technical, Praise' };
  });
  const buckets = Math.ceil(durationMs / 10);
  const min = new Int8Array(buckets);
  const max = new Int8Array(buckets);
  for (let i = 0; i < buckets; i++) {
    const a = Math.floor(rnd() * 100);
    min[i] = -a;
    max[i] = a;
  }
  const canvas = document.getElementById('c');
  canvas.width = 1200;
  canvas.height = 180;
  const ctx = canvas.getContext('2d');
  const layer = document.createElement('canvas');
  layer.width = canvas.width;
  layer.height = canvas.height;
  const lctx = layer.getContext('2d');
  const layout = timelineLayout(1200, [
    { key: 'trainer', label: 'Trainer' },
    { key: 'trainee', label: 'Trainee' },
  ]);
  let index = new SpanIndex(items);
  const empty = new SpanIndex([]);
  const state = (w, idx, playheadMs = w.startMs + 1000) => ({
    layout,
    window: w,
    index: idx,
    waveform: { bucketMs: 10, min, max },
    console: [],
    playheadMs,
    selectedId: 5,
    markInMs: null,
    loop: null,
    preview: null,
  });
  const scratch = [];

  /** The baseline: the same ruler and waveform, then every instance drawn on its own, whether in view or not. */
  const naive = (w) => {
    drawTimelineLayer(ctx, state(w, empty), scratch);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const it of items) {
      const lane = layout.lanes.find((l) => l.key === it.speaker) ?? layout.lanes[0];
      const x0 = msToX(it.startMs, w, layout.width);
      const width = Math.max(2, msToX(it.endMs, w, layout.width) - x0);
      const colour = speakerColour(layout, it.speaker);
      ctx.globalAlpha = it.proposed ? 0.14 : 0.32;
      ctx.fillStyle = colour;
      ctx.fillRect(x0, lane.y + 3, width, lane.h - 6);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = colour;
      ctx.setLineDash(it.proposed ? [5, 3] : []);
      ctx.strokeRect(x0 + 0.5, lane.y + 3.5, width - 1, lane.h - 7);
      ctx.setLineDash([]);
      ctx.fillStyle = '#1d2330';
      ctx.fillText(it.label, x0 + 6, lane.y + lane.h / 2);
    }
    drawPlayhead(ctx, state(w, empty));
  };

  const timed = (fn) => {
    const t0 = performance.now();
    fn();
    ctx.getImageData(0, 0, 1, 1); // wait for the canvas to have drawn
    return performance.now() - t0;
  };
  const edit = () => {
    // One instance moved: the list is rebuilt and re-indexed, as the app does on every stored change.
    const k = Math.floor(rnd() * items.length);
    items[k] = { ...items[k], endMs: items[k].endMs + 100 };
  };
  const pan = Array.from({ length: 240 }, (_, i) => ({ startMs: i * 14_000, endMs: i * 14_000 + 60_000 }));
  const whole = { startMs: 0, endMs: durationMs };
  const fixed = { startMs: 600_000, endMs: 660_000 };
  const run = (k, fn) => Array.from({ length: k }, (_, i) => timed(() => fn(i)));

  // Warm-up.
  run(20, (i) => drawTimeline(ctx, state(pan[i], index), scratch));
  run(20, (i) => naive(pan[i]));

  let layerDrawn = false;
  return {
    zoomed: run(240, (i) => drawTimeline(ctx, state(pan[i], index), scratch)),
    zoomedNaive: run(240, (i) => naive(pan[i])),
    whole: run(60, () => drawTimeline(ctx, state(whole, index), scratch)),
    wholeNaive: run(60, () => naive(whole)),
    edit: run(120, (i) => {
      edit();
      index = new SpanIndex(items);
      drawTimeline(ctx, state(pan[i], index), scratch);
    }),
    editNaive: run(120, (i) => {
      edit();
      naive(pan[i]);
    }),
    // While playing: the window stays, the playhead moves 1/60 s per frame.
    playing: run(240, (i) => {
      const st = state(fixed, index, fixed.startMs + (i * 1000) / 60);
      if (!layerDrawn) {
        drawTimelineLayer(lctx, st, scratch);
        layerDrawn = true;
      }
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(layer, 0, 0);
      drawPlayhead(ctx, st);
    }),
    playingRedraw: run(240, (i) => drawTimeline(ctx, state(fixed, index, fixed.startMs + (i * 1000) / 60), scratch)),
  };
};
