// Panning the slide viewer in Chromium and measuring what each frame costs, for the viewer benchmarks.
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

export interface PanCost {
  /** Intervals between animation frames, the first few (the drag starting) left out; capped by the refresh rate. */
  frames: number[];
  /** Main-thread task time per frame (Chromium's TaskDuration): all the work the page did, whether frames dropped or not. */
  workPerFrameMs: number;
  /** Long tasks (> 50 ms) per second of panning. */
  longTaskMsPerS: number;
}

/** Opens Chromium's performance counters for `page`; pass the session to every `panCost`. */
export async function performanceCounters(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return cdp;
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return metrics.find((m) => m.name === 'TaskDuration')!.value;
}

/** Drags the viewer in circles for `ms`, counting animation frames, long tasks and main-thread work. */
export async function panCost(page: Page, cdp: CDPSession, ms: number): Promise<PanCost> {
  const box = (await page.getByTestId('slide-viewer').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // Strings, not functions: tsx's transform would add helpers the page does not have.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__long = 0;
    window.__stop = false;
    window.__observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long += e.duration; });
    window.__observer.observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const before = await taskSeconds(cdp);
  const t0 = Date.now();
  let a = 0;
  while (Date.now() - t0 < ms) {
    a += 0.15;
    await page.mouse.move(cx + Math.cos(a) * 150, cy + Math.sin(a) * 100);
  }
  const after = await taskSeconds(cdp);
  await page.mouse.up();
  const r = (await page.evaluate(`(() => {
    window.__stop = true;
    window.__observer.disconnect();
    return { frames: window.__frames, long: window.__long };
  })()`)) as { frames: number[]; long: number };
  return { frames: r.frames.slice(5), workPerFrameMs: ((after - before) * 1000) / r.frames.length, longTaskMsPerS: (r.long / ms) * 1000 };
}

export const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
