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
 * views of the same magnification bin whose centres stay within dwellMaxCentreShift × the first view's width of the
 * first view's centre form a group; cut-outs do not break a group, so the parts of a dwell on both sides of a blur or
 * idle stretch join (only the active parts count). A group with at least dwellMinMs of active time is a static
 * inspect (box: the view held longest). Shorter groups are panning; consecutive panning groups of one bin form a run,
 * and a run with at least panMinMs is a pan inspect (box: the union of its views). A static dwell or a change of bin
 * ends a run. Views with no active time add nothing and end nothing.
 */
export function segment(slide: SlideHeader, input: readonly NavigationEvent[], config: BehaviorConfig): SegmentationResult {
  const events = canonicalOrder(input);
  const perZoom = magnificationPerZoom(slide, config);
  const bins = config.magnificationBins;
  const edges = binEdges(bins);
  const nEdges = edges.length;
  const { dwellMinMs, panMinMs, idleGapMs, peekMinMagnification } = config;
  const maxShift = config.dwellMaxCentreShift;
  const width = slide.width;
  const height = slide.height;
  const segments: Segment[] = [];

  const emit = (bin: number, x0: number, y0: number, x1: number, y1: number, start: number, duration: number): void => {
    const box = clipBox(x0, y0, x1, y1, width, height);
    if (box === null) return;
    const magnification = bins[bin];
    segments.push({ kind: magnification >= peekMinMagnification ? 'peek' : 'inspect', magnification, box, start, duration, visits: 1 });
  };

  // The current view and its active time.
  let view: ViewportEvent | null = null;
  let viewMs = 0;
  // The current group: bin index, anchor centre and radius, active time and its first active moment, union of
  // its seen views, and the view held longest.
  let gBin = -1;
  let gAx = 0;
  let gAy = 0;
  let gR2 = 0;
  let gMs = 0;
  let gStart = 0;
  let gx0 = Infinity;
  let gy0 = Infinity;
  let gx1 = -Infinity;
  let gy1 = -Infinity;
  let gBest: ViewportEvent | null = null;
  let gBestMs = 0;
  // The current pan run.
  let pBin = -1;
  let pMs = 0;
  let pStart = 0;
  let px0 = Infinity;
  let py0 = Infinity;
  let px1 = -Infinity;
  let py1 = -Infinity;

  const closeView = (): void => {
    if (view !== null && viewMs > 0) {
      if (view.x0 < gx0) gx0 = view.x0;
      if (view.y0 < gy0) gy0 = view.y0;
      if (view.x1 > gx1) gx1 = view.x1;
      if (view.y1 > gy1) gy1 = view.y1;
      if (viewMs > gBestMs) {
        gBest = view;
        gBestMs = viewMs;
      }
    }
    viewMs = 0;
  };

  const closePan = (): void => {
    if (pBin >= 0 && pMs >= panMinMs) emit(pBin, px0, py0, px1, py1, pStart, pMs);
    pBin = -1;
    pMs = 0;
    px0 = py0 = Infinity;
    px1 = py1 = -Infinity;
  };

  const closeGroup = (): void => {
    if (gBin >= 0 && gMs > 0) {
      if (gMs >= dwellMinMs) {
        closePan();
        const b = gBest as unknown as ViewportEvent;
        emit(gBin, b.x0, b.y0, b.x1, b.y1, gStart, gMs);
      } else {
        if (pBin !== gBin) {
          closePan();
          pBin = gBin;
          pStart = gStart;
        }
        pMs += gMs;
        if (gx0 < px0) px0 = gx0;
        if (gy0 < py0) py0 = gy0;
        if (gx1 > px1) px1 = gx1;
        if (gy1 > py1) py1 = gy1;
      }
    }
    gBin = -1;
    gMs = 0;
    gx0 = gy0 = Infinity;
    gx1 = gy1 = -Infinity;
    gBest = null;
    gBestMs = 0;
  };

  let blurred = false;
  let hidden = false;
  let idle = false;
  let prevT = 0;
  let activeMs = 0;
  const n = events.length;
  let endMs = n > 0 ? events[n - 1].t : 0;

  scan: for (let i = 0; i < n; i++) {
    const e = events[i];
    const t = e.t;
    if (t > prevT) {
      const dt = t - prevT;
      if (!blurred && !hidden && !idle && dt < idleGapMs) {
        activeMs += dt;
        if (view !== null) {
          if (gMs === 0) gStart = prevT;
          gMs += dt;
          viewMs += dt;
        }
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
        closeView();
        const m = e.zoom * perZoom;
        let bin = 0;
        while (bin < nEdges && m >= edges[bin]) bin++;
        const dx = e.cx - gAx;
        const dy = e.cy - gAy;
        if (bin !== gBin || dx * dx + dy * dy >= gR2) {
          closeGroup();
          gBin = bin;
          gAx = e.cx;
          gAy = e.cy;
          const r = (maxShift * e.cw) / e.zoom;
          gR2 = r * r;
        }
        view = e;
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
  closeView();
  closeGroup();
  closePan();
  return { segments, activeMs, endMs };
}
