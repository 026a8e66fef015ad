import type { NavigationEvent, SlideHeader, ViewportEvent } from '../navigation/schema';
import { clipBox } from './boxes';
import { canonicalOrder } from './canonicalOrder';
import type { BehaviorConfig } from './config';
import { binEdges, magnificationPerZoom } from './magnification';
import type { Segment } from './types';

export interface SegmentationResult {
  /** Static and pan inspects, in the order they ended. */
  segments: Segment[];
  /** Time counted as looking: from 0 to the session's end, minus blur, hidden, idle and idle gaps (ms). */
  activeMs: number;
  /** The session's end: the `end` event's time, else the last event's (ms). */
  endMs: number;
}

/**
 * Segment step: one pass over the events that turns views into static dwells and pan runs.
 *
 * Time between two consecutive events is active unless the window is blurred, the page hidden, the user idle (idle …
 * active), or the gap is at least idleGapMs. Active time is credited to the view current at the time. Consecutive
 * views of the same magnification bin form a group while each centre stays within dwellMaxCentreShift × w of the
 * anchor: the view held longest so far in the group (at first, its first view), w being that view's width (cw / zoom).
 * Cut-outs do not break a group, so the parts of a dwell on both sides of a blur or
 * idle stretch join (only the active parts count). A group with at least dwellMinMs of active time is a static
 * inspect (box: the view held longest). Shorter groups are panning; consecutive panning groups of one bin form a run,
 * and a run with at least panMinMs is a pan inspect (box: the union of its views). A static dwell or a change of bin
 * ends a run. Views with no active time add nothing and end nothing.
 */
/** Group and pan-run state, touched only when the view changes (the per-event loop stays on locals). */
class Segmenter {
  readonly segments: Segment[] = [];
  // The current view, the active time credited to it, and its first active moment.
  view: ViewportEvent | null = null;
  viewMs = 0;
  viewStart = 0;
  // The current group: bin index, anchor centre and squared radius (from the view held longest so far, at first
  // the group's first view), active time and first active moment, union of its seen views, and the view held longest.
  gBin = -1;
  gAx = 0;
  gAy = 0;
  gR2 = 0;
  gMs = 0;
  gStart = 0;
  gx0 = Infinity;
  gy0 = Infinity;
  gx1 = -Infinity;
  gy1 = -Infinity;
  gBest: ViewportEvent | null = null;
  gBestMs = 0;
  // The current pan run.
  pBin = -1;
  pMs = 0;
  pStart = 0;
  px0 = Infinity;
  py0 = Infinity;
  px1 = -Infinity;
  py1 = -Infinity;

  private readonly bins: readonly number[];
  private readonly edges: number[];
  private readonly perZoom: number;

  constructor(
    private readonly slide: SlideHeader,
    private readonly config: BehaviorConfig,
  ) {
    this.bins = config.magnificationBins;
    this.edges = binEdges(this.bins);
    this.perZoom = magnificationPerZoom(slide, config);
  }

  /** A new view; `viewMs`/`viewStart` describe the active time of the view it replaces. */
  nextView(e: ViewportEvent, viewMs: number, viewStart: number): void {
    this.closeView(viewMs, viewStart);
    const m = e.zoom * this.perZoom;
    const edges = this.edges;
    let bin = 0;
    while (bin < edges.length && m >= edges[bin]) bin++;
    const dx = e.cx - this.gAx;
    const dy = e.cy - this.gAy;
    if (bin !== this.gBin || dx * dx + dy * dy >= this.gR2) {
      this.closeGroup();
      this.gBin = bin;
      this.anchorOn(e);
    }
    this.view = e;
  }

  finish(viewMs: number, viewStart: number): Segment[] {
    this.closeView(viewMs, viewStart);
    this.closeGroup();
    this.closePan();
    return this.segments;
  }

  private closeView(viewMs: number, viewStart: number): void {
    const v = this.view;
    if (v === null || viewMs <= 0) return;
    if (this.gMs === 0) this.gStart = viewStart;
    this.gMs += viewMs;
    if (v.x0 < this.gx0) this.gx0 = v.x0;
    if (v.y0 < this.gy0) this.gy0 = v.y0;
    if (v.x1 > this.gx1) this.gx1 = v.x1;
    if (v.y1 > this.gy1) this.gy1 = v.y1;
    if (viewMs > this.gBestMs) {
      this.gBest = v;
      this.gBestMs = viewMs;
      this.anchorOn(v);
    }
  }

  /** Centre motion is measured from this view's centre, against its width. */
  private anchorOn(v: ViewportEvent): void {
    this.gAx = v.cx;
    this.gAy = v.cy;
    const r = (this.config.dwellMaxCentreShift * v.cw) / v.zoom;
    this.gR2 = r * r;
  }

  private closeGroup(): void {
    if (this.gBin >= 0 && this.gMs > 0) {
      if (this.gMs >= this.config.dwellMinMs) {
        this.closePan();
        const b = this.gBest as ViewportEvent;
        this.emit(this.gBin, b.x0, b.y0, b.x1, b.y1, this.gStart, this.gMs);
      } else {
        if (this.pBin !== this.gBin) {
          this.closePan();
          this.pBin = this.gBin;
          this.pStart = this.gStart;
        }
        this.pMs += this.gMs;
        if (this.gx0 < this.px0) this.px0 = this.gx0;
        if (this.gy0 < this.py0) this.py0 = this.gy0;
        if (this.gx1 > this.px1) this.px1 = this.gx1;
        if (this.gy1 > this.py1) this.py1 = this.gy1;
      }
    }
    this.gBin = -1;
    this.gMs = 0;
    this.gx0 = this.gy0 = Infinity;
    this.gx1 = this.gy1 = -Infinity;
    this.gBest = null;
    this.gBestMs = 0;
  }

  private closePan(): void {
    if (this.pBin >= 0 && this.pMs >= this.config.panMinMs) this.emit(this.pBin, this.px0, this.py0, this.px1, this.py1, this.pStart, this.pMs);
    this.pBin = -1;
    this.pMs = 0;
    this.px0 = this.py0 = Infinity;
    this.px1 = this.py1 = -Infinity;
  }

  private emit(bin: number, x0: number, y0: number, x1: number, y1: number, start: number, duration: number): void {
    const box = clipBox(x0, y0, x1, y1, this.slide.width, this.slide.height);
    if (box === null) return;
    const magnification = this.bins[bin];
    this.segments.push({ kind: magnification >= this.config.peekMinMagnification ? 'peek' : 'inspect', magnification, box, start, duration, visits: 1 });
  }
}

/**
 * Segment step: one pass over the events that turns views into static dwells and pan runs.
 *
 * Time between two consecutive events is active unless the window is blurred, the page hidden, the user idle (idle …
 * active), or the gap is at least idleGapMs. Active time is credited to the view current at the time. Consecutive
 * views of the same magnification bin form a group while each centre stays within dwellMaxCentreShift × w of the
 * anchor: the view held longest so far in the group (at first, its first view), w being that view's width (cw / zoom).
 * Cut-outs do not break a group, so the parts of a dwell on both sides of a blur or
 * idle stretch join (only the active parts count). A group with at least dwellMinMs of active time is a static
 * inspect (box: the view held longest). Shorter groups are panning; consecutive panning groups of one bin form a run,
 * and a run with at least panMinMs is a pan inspect (box: the union of its views). A static dwell or a change of bin
 * ends a run. Views with no active time add nothing and end nothing.
 */
export function segment(slide: SlideHeader, input: readonly NavigationEvent[], config: BehaviorConfig): SegmentationResult {
  const events = canonicalOrder(input);
  const state = new Segmenter(slide, config);
  const idleGapMs = config.idleGapMs;
  let blurred = false;
  let hidden = false;
  let idle = false;
  let prevT = 0;
  let activeMs = 0;
  // activeMs when the current view appeared, and the first active moment since then.
  let viewMark = 0;
  let viewStart = 0;
  const n = events.length;
  let endMs = n > 0 ? events[n - 1].t : 0;

  scan: for (let i = 0; i < n; i++) {
    const e = events[i];
    const t = e.t;
    if (t > prevT) {
      const dt = t - prevT;
      if (!blurred && !hidden && !idle && dt < idleGapMs) {
        if (activeMs === viewMark) viewStart = prevT;
        activeMs += dt;
      }
      prevT = t;
    }
    switch (e.type) {
      case 'viewport': {
        idle = false;
        // Of several views at one time only the last (in canonical order) is ever seen.
        if (i + 1 < n) {
          const next = events[i + 1];
          if (next.t === t && next.type === 'viewport') break;
        }
        state.nextView(e, activeMs - viewMark, viewStart);
        viewMark = activeMs;
        break;
      }
      case 'cursor':
      case 'hotkey':
      case 'annotation':
      case 'active':
        idle = false;
        break;
      case 'idle':
        idle = true;
        break;
      case 'blur':
        blurred = true;
        break;
      case 'focus':
        blurred = false;
        break;
      case 'hidden':
        hidden = true;
        break;
      case 'visible':
        hidden = false;
        break;
      case 'end':
        endMs = t;
        break scan;
    }
  }
  return { segments: state.finish(activeMs - viewMark, viewStart), activeMs, endMs };
}
