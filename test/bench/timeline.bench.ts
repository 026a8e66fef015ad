// The video timeline with 2,000 feedback instances over an hour of video, in Chromium (software canvas): time to draw
// one frame and to apply one edit (rebuild the index, redraw), with the timeline's windowed drawing against drawing
// every instance each frame (the baseline), in the same run. Also the window query alone, in Node.
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { SpanIndex, visibleByScan, type Span } from '../../renderer/src/features/video/timelineModel';
import type { Bench, BenchFigure } from './benchTypes';

const INSTANCES = 2000;
const DURATION_MS = 3_600_000;
const FRAME_BUDGET_MS = 1000 / 60;
// Each measurement runs REPEATS times; figures are the best run's (p95 on a loaded 2-core machine is mostly noise).
const REPEATS = 3;

/** The drawing code, bundled for the page from the same source files the app uses. */
async function pageBundle(): Promise<string> {
  const entry = fileURLToPath(new URL('./timelinePage.mjs', import.meta.url));
  const out = await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'silent' });
  return out.outputFiles[0].text;
}

function spans(n: number, seed: number): (Span & { speaker: string })[] {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: n }, (_, id) => {
    const start = Math.floor(rnd() * (DURATION_MS - 20_000));
    return { id: id + 1, startMs: start, endMs: start + 1500 + Math.floor(rnd() * 12_000), speaker: rnd() < 0.8 ? 'trainer' : 'trainee' };
  });
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** Window queries per second over 1-minute windows, index vs scanning every span. */
function queryFigures(): BenchFigure[] {
  const list = spans(INSTANCES, 7);
  const index = new SpanIndex(list);
  const windows = Array.from({ length: 5000 }, (_, i) => ({ startMs: (i * 719) % (DURATION_MS - 60_000), endMs: ((i * 719) % (DURATION_MS - 60_000)) + 60_000 }));
  const out: (Span & { speaker: string })[] = [];
  const time = (fn: () => void) => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  let a = 0;
  let b = 0;
  const ti = time(() => windows.forEach((w) => (a += index.visible(w, out).length)));
  const ts = time(() => windows.forEach((w) => (b += visibleByScan(list, w, out).length)));
  if (a !== b) throw new Error(`the index found ${a} spans where scanning found ${b}`);
  const perQueryIndex = (ti / windows.length) * 1000;
  const perQueryScan = (ts / windows.length) * 1000;
  return [
    { name: 'window query, 2,000 instances, 1-min window (index)', value: perQueryIndex, unit: 'µs', baseline: { name: 'scan of every instance', value: perQueryScan } },
  ];
}

export default {
  name: 'Video timeline with 2,000 instances',
  async run() {
    const figures = queryFigures();
    const script = await pageBundle();
    const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 400 } });
      await page.setContent('<!doctype html><canvas id="c" style="width:1200px;height:180px"></canvas>');
      await page.addScriptTag({ content: script });
      const reps: Record<string, number[]>[] = [];
      for (let i = 0; i < REPEATS; i++) reps.push((await page.evaluate(`window.timelineBench(${INSTANCES}, ${DURATION_MS})`)) as Record<string, number[]>);
      // Best of the repeats: other work on a shared machine only ever makes a run slower.
      const best = (key: string, q: number) => Math.min(...reps.map((r) => quantile(r[key], q)));
      const fig = (name: string, key: string, baseKey: string, baseName: string, withTarget = true): BenchFigure => {
        const value = best(key, 0.95);
        return {
          name,
          value,
          unit: 'ms',
          baseline: { name: baseName, value: best(baseKey, 0.95) },
          ...(withTarget ? { target: `p95 < ${FRAME_BUDGET_MS.toFixed(1)} ms (60 fps)`, met: value < FRAME_BUDGET_MS } : {}),
        };
      };
      const naive = 'naive: every instance drawn on its own';
      figures.push(
        fig('frame p95 while playing (1-min window)', 'playing', 'playingRedraw', 'full redraw each frame'),
        fig('frame p95 while panning a 1-min window', 'zoomed', 'zoomedNaive', naive),
        fig('edit p95: re-index + redraw (1-min window)', 'edit', 'editNaive', naive),
        fig('frame p95 with the whole hour in view', 'whole', 'wholeNaive', naive),
      );
      const median = (name: string, key: string, baseKey: string, baseName: string): BenchFigure => ({
        name,
        value: best(key, 0.5),
        unit: 'ms',
        baseline: { name: baseName, value: best(baseKey, 0.5) },
      });
      figures.push(
        median('frame median while panning a 1-min window', 'zoomed', 'zoomedNaive', naive),
        median('frame median with the whole hour in view', 'whole', 'wholeNaive', naive),
      );
    } finally {
      await browser.close();
    }
    return figures;
  },
} satisfies Bench;
