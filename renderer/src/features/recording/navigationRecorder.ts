import type OpenSeadragon from 'openseadragon';
import type { NavigationEvent } from '../../../../shared/navigation';
import { HEARTBEAT_MS } from '../../../../shared/recording/config';
import { currentView, imagePointAt } from '../slides/osdView';
import { BatchQueue, type Batch } from './batchQueue';
import { throttleTrailing } from './throttle';

export interface RecorderOptions {
  /** No input for this long emits `idle`. */
  idleMs: number;
  viewportHz: number;
  cursorHz: number;
}

export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = { idleMs: 60_000, viewportHz: 30, cursorHz: 10 };

export { HEARTBEAT_MS };

/**
 * Captures where the expert looks on one slide: viewport samples (≤ 30 Hz plus one at every animation finish),
 * cursor positions, focus, visibility, idle, magnification hotkeys. Events go to a BatchQueue that sends them to
 * the core; nothing here blocks the viewer.
 */
export class NavigationRecorder {
  private readonly queue: BatchQueue<NavigationEvent>;
  private readonly cleanups: Array<() => void> = [];
  private paused = false;
  private idle = false;
  private lastInput = performance.now();
  private lastT = 0;
  private lastViewportAt = 0;

  constructor(
    private readonly viewer: OpenSeadragon.Viewer,
    private readonly startedAtMs: number,
    send: (batch: Batch<NavigationEvent>) => Promise<void>,
    firstSeq: number,
    private readonly opts: RecorderOptions = DEFAULT_RECORDER_OPTIONS,
    onChange: () => void = () => undefined,
    isFatal: (e: unknown) => boolean = () => false,
  ) {
    this.queue = new BatchQueue(send, firstSeq, undefined, onChange, isFatal);
  }

  get fatalError(): string | null {
    return this.queue.fatalError;
  }

  get pendingEvents(): number {
    return this.queue.pendingEvents;
  }
  get lastError(): string | null {
    return this.queue.lastError;
  }
  get isPaused(): boolean {
    return this.paused;
  }

  /** Milliseconds since the session started, never going backwards. */
  now(): number {
    const t = Math.max(this.lastT, Math.round(Date.now() - this.startedAtMs));
    this.lastT = t;
    return t;
  }

  start(restored: Batch<NavigationEvent>[] = []): void {
    if (restored.length) this.queue.restore(restored);
    const viewport = throttleTrailing(() => this.sampleViewport(), 1000 / this.opts.viewportHz);
    const onViewport = () => viewport.call();
    // The settled view is sampled now; a trailing sample still pending would repeat it.
    const onFinish = () => {
      viewport.cancel();
      this.sampleViewport();
    };
    this.viewer.addHandler('viewport-change', onViewport);
    this.viewer.addHandler('animation-finish', onFinish);
    this.cleanups.push(() => {
      viewport.cancel();
      this.viewer.removeHandler('viewport-change', onViewport);
      this.viewer.removeHandler('animation-finish', onFinish);
    });

    let lastCursor = 0;
    const el = this.viewer.element;
    // Where the viewer sits on the page, kept up to date instead of asked for at every sample: asking forces a
    // layout while the viewer is redrawing.
    let rect = el.getBoundingClientRect();
    const remeasure = () => (rect = el.getBoundingClientRect());
    const resized = new ResizeObserver(remeasure);
    resized.observe(el);
    window.addEventListener('scroll', remeasure, { capture: true, passive: true });
    el.addEventListener('pointerenter', remeasure);
    this.cleanups.push(() => {
      resized.disconnect();
      window.removeEventListener('scroll', remeasure, { capture: true });
      el.removeEventListener('pointerenter', remeasure);
    });
    const onMove = (e: PointerEvent) => {
      this.input();
      const now = performance.now();
      if (now - lastCursor < 1000 / this.opts.cursorHz || this.paused) return;
      lastCursor = now;
      const p = imagePointAt(this.viewer, e.clientX - rect.left, e.clientY - rect.top);
      if (p) this.push({ type: 'cursor', t: this.now(), x: Math.round(p.x), y: Math.round(p.y) });
    };
    el.addEventListener('pointermove', onMove);
    this.cleanups.push(() => el.removeEventListener('pointermove', onMove));

    const onInput = () => this.input();
    for (const type of ['pointerdown', 'wheel', 'keydown'] as const) {
      window.addEventListener(type, onInput, { capture: true, passive: true });
      this.cleanups.push(() => window.removeEventListener(type, onInput, { capture: true }));
    }
    const onBlur = () => this.push({ type: 'blur', t: this.now() });
    const onFocus = () => this.push({ type: 'focus', t: this.now() });
    const onVisibility = () => this.push({ type: document.hidden ? 'hidden' : 'visible', t: this.now() });
    window.addEventListener('blur', onBlur);
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisibility);
    this.cleanups.push(() => {
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisibility);
    });

    const idleTimer = setInterval(() => {
      if (!this.idle && !this.paused && performance.now() - this.lastInput >= this.opts.idleMs) {
        this.idle = true;
        this.push({ type: 'idle', t: this.now() });
      }
    }, Math.min(1000, this.opts.idleMs / 4));
    this.cleanups.push(() => clearInterval(idleTimer));
    const heartbeat = setInterval(() => {
      if (!this.idle && !this.paused && performance.now() - this.lastViewportAt >= HEARTBEAT_MS) this.sampleViewport();
    }, HEARTBEAT_MS / 2);
    this.cleanups.push(() => clearInterval(heartbeat));

    this.sampleViewport();
  }

  /** Pausing records an `idle` (the time is cut out of dwell) and stops capture until resume. */
  pause(): void {
    if (this.paused) return;
    if (!this.idle) this.push({ type: 'idle', t: this.now() });
    this.paused = true;
    this.idle = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.input();
    this.sampleViewport();
  }

  hotkey(key: string, magnification: number): void {
    this.push({ type: 'hotkey', t: this.now(), key, magnification });
  }

  /** Any other event the UI records (e.g. annotation edits, whose shapes can be large). */
  record(event: NavigationEvent): void {
    this.push(event, JSON.stringify(event).length);
  }

  /** See BatchQueue.lastBatchForUnload. */
  lastBatchForUnload(): Batch<NavigationEvent> | null {
    return this.queue.lastBatchForUnload();
  }

  /** Unacknowledged batches, to be saved when the page goes away. */
  unacknowledged(): Batch<NavigationEvent>[] {
    return this.queue.unacknowledged();
  }

  /** Stops capture and resolves once every event is acknowledged. */
  async stop(): Promise<void> {
    for (const c of this.cleanups.splice(0)) c();
    await this.queue.flush();
    this.queue.dispose();
  }

  detach(): void {
    for (const c of this.cleanups.splice(0)) c();
    this.queue.dispose();
  }

  private input(): void {
    this.lastInput = performance.now();
    if (this.idle && !this.paused) {
      this.idle = false;
      this.push({ type: 'active', t: this.now() });
    }
  }

  private sampleViewport(): void {
    if (this.paused) return;
    this.lastViewportAt = performance.now();
    const v = currentView(this.viewer, this.now());
    if (v) this.push(v);
  }

  private push(e: NavigationEvent, bytes = 0): void {
    if (this.paused && e.type !== 'idle') return;
    this.queue.push(e, bytes);
  }
}
