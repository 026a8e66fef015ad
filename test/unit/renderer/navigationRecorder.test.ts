import type OpenSeadragon from 'openseadragon';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NavigationEvent, ViewportEvent } from '../../../shared/navigation';
import type { Batch } from '../../../renderer/src/features/recording/batchQueue';

// The viewer's coordinates are OpenSeadragon's business (checked end to end); here the view is whatever the fake says.
vi.mock('../../../renderer/src/features/slides/osdView', () => ({
  currentView: (viewer: { view: { cx: number } }, t: number): ViewportEvent => {
    const { cx } = viewer.view;
    return { type: 'viewport', t, cx, cy: 500, x0: cx - 400, y0: 250, x1: cx + 400, y1: 750, zoom: 1, rotation: 0, dpr: 1, cw: 800, ch: 500 };
  },
  imagePointAt: () => null,
}));

const { NavigationRecorder, HEARTBEAT_MS } = await import('../../../renderer/src/features/recording/navigationRecorder');

type Listener = (...args: unknown[]) => void;

class Listeners {
  readonly byType = new Map<string, Set<Listener>>();
  add(type: string, f: Listener): void {
    if (!this.byType.has(type)) this.byType.set(type, new Set());
    this.byType.get(type)!.add(f);
  }
  remove(type: string, f: Listener): void {
    this.byType.get(type)?.delete(f);
  }
  fire(type: string, ...args: unknown[]): void {
    for (const f of [...(this.byType.get(type) ?? [])]) f(...args);
  }
  get count(): number {
    let n = 0;
    for (const s of this.byType.values()) n += s.size;
    return n;
  }
}

class FakeViewer {
  readonly handlers = new Listeners();
  readonly elementListeners = new Listeners();
  view = { cx: 1000 };
  readonly element = {
    addEventListener: (type: string, f: Listener) => this.elementListeners.add(type, f),
    removeEventListener: (type: string, f: Listener) => this.elementListeners.remove(type, f),
    getBoundingClientRect: () => ({ left: 0, top: 0 }),
  };
  addHandler(type: string, f: Listener): void {
    this.handlers.add(type, f);
  }
  removeHandler(type: string, f: Listener): void {
    this.handlers.remove(type, f);
  }
}

const windowListeners = new Listeners();
const documentListeners = new Listeners();
let observing = 0;
class FakeResizeObserver {
  observe(): void {
    observing++;
  }
  disconnect(): void {
    observing--;
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('window', {
    devicePixelRatio: 1,
    addEventListener: (type: string, f: Listener) => windowListeners.add(type, f),
    removeEventListener: (type: string, f: Listener) => windowListeners.remove(type, f),
  });
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  observing = 0;
  vi.stubGlobal('document', {
    hidden: false,
    addEventListener: (type: string, f: Listener) => documentListeners.add(type, f),
    removeEventListener: (type: string, f: Listener) => documentListeners.remove(type, f),
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function recorderOn(viewer: FakeViewer) {
  const batches: Batch<NavigationEvent>[] = [];
  const rec = new NavigationRecorder(viewer as unknown as OpenSeadragon.Viewer, Date.now(), async (b) => void batches.push(b), 0);
  const events = () => batches.flatMap((b) => b.events);
  const views = () => events().filter((e): e is ViewportEvent => e.type === 'viewport');
  return { rec, events, views };
}

describe('the navigation recorder', () => {
  it('samples a moving view at most 30 times a second, plus once at every animation finish', async () => {
    const viewer = new FakeViewer();
    const { rec, views } = recorderOn(viewer);
    rec.start();
    const finishedAt: number[] = [];
    // One second of view changes every 4 ms (as a drag or a zoom animation fires them), with animations finishing
    // at 300 ms and 700 ms.
    for (let t = 4; t <= 1000; t += 4) {
      vi.advanceTimersByTime(4);
      viewer.view = { cx: 1000 + t };
      viewer.handlers.fire('viewport-change');
      if (t === 300 || t === 700) {
        viewer.handlers.fire('animation-finish');
        finishedAt.push(t);
      }
    }
    await vi.advanceTimersByTimeAsync(200);
    await rec.stop();

    const v = views();
    expect(v[0]).toMatchObject({ t: 0, cx: 1000 }); // on start
    // Each finish is sampled at once, with the view it settled on, even if a throttled sample was just taken.
    for (const t of finishedAt) expect(v.some((e) => e.t === t && e.cx === 1000 + t)).toBe(true);
    // Without the finish samples (each the last one at its time), the samples are at least 1/30 s apart.
    const throttled = v.slice(1);
    for (const t of finishedAt) {
      let i = throttled.length - 1;
      while (throttled[i].t !== t) i--;
      throttled.splice(i, 1);
    }
    for (let i = 1; i < throttled.length; i++) expect(throttled[i].t - throttled[i - 1].t, `samples at ${throttled[i - 1].t} and ${throttled[i].t} ms`).toBeGreaterThanOrEqual(33);
    const firstSecond = throttled.filter((e) => e.t < 1000).length;
    expect(firstSecond).toBeGreaterThanOrEqual(28);
    expect(firstSecond).toBeLessThanOrEqual(30);
    // The view the movement ended in is the last one recorded.
    expect(v.at(-1)).toMatchObject({ cx: 2000 });
  });

  it('records a settled view once: the finish sample replaces a throttled sample still pending', async () => {
    const viewer = new FakeViewer();
    const { rec, views } = recorderOn(viewer);
    rec.start();
    vi.advanceTimersByTime(100);
    for (let t = 0; t < 3; t++) {
      vi.advanceTimersByTime(4);
      viewer.view = { cx: 1100 + t };
      viewer.handlers.fire('viewport-change');
    }
    viewer.handlers.fire('animation-finish');
    await vi.advanceTimersByTimeAsync(200);
    await rec.stop();
    const settled = views().filter((e) => e.cx === 1102);
    expect(settled).toHaveLength(1);
  });

  it('samples a still view again every 10 s while the user is active, and not while idle', async () => {
    const viewer = new FakeViewer();
    const { rec, views, events } = recorderOn(viewer);
    rec.start();
    for (let s = 0; s < 30; s++) {
      await vi.advanceTimersByTimeAsync(1000);
      windowListeners.fire('pointerdown');
    }
    const active = views().length;
    // 1.5 × HEARTBEAT_MS at most between samples: the check runs every half interval.
    expect(active).toBeGreaterThanOrEqual(1 + Math.floor(30_000 / (1.5 * HEARTBEAT_MS)));
    expect(active).toBeLessThanOrEqual(1 + 30_000 / HEARTBEAT_MS);
    await vi.advanceTimersByTimeAsync(61_000); // no input: idle
    const idleAt = events().find((e) => e.type === 'idle')!.t;
    await vi.advanceTimersByTimeAsync(60_000);
    await rec.stop();
    expect(views().filter((e) => e.t > idleAt)).toEqual([]);
  });

  it('removes every handler and listener it added when it stops', async () => {
    const viewer = new FakeViewer();
    const { rec, views } = recorderOn(viewer);
    rec.start();
    expect(viewer.handlers.count).toBeGreaterThan(0);
    expect(windowListeners.count + documentListeners.count + viewer.elementListeners.count).toBeGreaterThan(0);
    await rec.stop();
    expect(viewer.handlers.count).toBe(0);
    expect(viewer.elementListeners.count).toBe(0);
    expect(windowListeners.count).toBe(0);
    expect(documentListeners.count).toBe(0);
    expect(observing).toBe(0);
    const n = views().length;
    viewer.handlers.fire('viewport-change');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(views()).toHaveLength(n);
  });
});
