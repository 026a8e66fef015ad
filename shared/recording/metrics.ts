import { binEdges, binIndex, magnificationPerZoom } from '../behavior/magnification';
import type { SessionMetrics } from '../contract/recording';
import type { NavigationEvent, SlideHeader } from '../navigation/schema';
import { resolveMetricsConfig, type MetricsConfig, type MetricsConfigInput } from './config';
import { cellsOnSlide, GridAccumulator, resampleMask, slideGrid, type TissueMask } from './grid';
import { buildTimeline, type ViewDwell } from './timeline';

export type SessionMetricsValues = Omit<SessionMetrics, 'sessionId'>;

export interface MetricsOptions {
  config?: MetricsConfigInput;
  /** Where the tissue is; without it, coverage is measured over the whole slide. */
  tissueMask?: TissueMask;
}

/** Counts views resting ≥ fixationMinMs (active) within fixationMaxShift × their width and fixationMaxZoomRatio. */
export function countFixations(views: readonly ViewDwell[], config: Pick<MetricsConfig, 'fixationMinMs' | 'fixationMaxShift' | 'fixationMaxZoomRatio'>): number {
  const maxLogZoom = Math.log(config.fixationMaxZoomRatio) + 1e-12;
  let count = 0;
  let anchor: ViewDwell | null = null;
  let r2 = 0;
  let ms = 0;
  for (const d of views) {
    const v = d.view;
    if (anchor !== null) {
      const a = anchor.view;
      const dx = v.cx - a.cx;
      const dy = v.cy - a.cy;
      if (dx * dx + dy * dy <= r2 && Math.abs(Math.log(v.zoom / a.zoom)) <= maxLogZoom) {
        ms += d.activeMs;
        continue;
      }
      if (ms >= config.fixationMinMs) count++;
    }
    anchor = d;
    const r = (config.fixationMaxShift * v.cw) / v.zoom;
    r2 = r * r;
    ms = d.activeMs;
  }
  if (anchor !== null && ms >= config.fixationMinMs) count++;
  return count;
}

/**
 * Zoom gestures: runs of zoom changes in one direction with no pause of zoomGesturePauseMs between changes. A gesture
 * that multiplies the zoom by at least zoomStepRatio is a zoom-in; one that divides it by at least that, a zoom-out;
 * smaller ones (jitter, a nudge of the wheel) count as neither. A hotkey jump is one gesture however many bins it spans.
 */
export function countZoomSteps(views: readonly ViewDwell[], config: Pick<MetricsConfig, 'zoomStepRatio' | 'zoomGesturePauseMs'>): { zoomIns: number; zoomOuts: number } {
  const minLog = Math.log(config.zoomStepRatio) - 1e-12;
  let zoomIns = 0;
  let zoomOuts = 0;
  if (views.length === 0) return { zoomIns, zoomOuts };
  let last = views[0].view.zoom;
  let lastChangeT = views[0].view.t;
  let startZoom = last;
  let dir = 0;
  const close = (): void => {
    const change = Math.log(last / startZoom);
    if (change >= minLog) zoomIns++;
    else if (change <= -minLog) zoomOuts++;
  };
  for (let i = 1; i < views.length; i++) {
    const { zoom, t } = views[i].view;
    if (Math.abs(zoom - last) <= 1e-9 * last) continue;
    const d = zoom > last ? 1 : -1;
    if (d !== dir || t - lastChangeT >= config.zoomGesturePauseMs) {
      if (dir !== 0) close();
      startZoom = last;
      dir = d;
    }
    last = zoom;
    lastChangeT = t;
  }
  if (dir !== 0) close();
  return { zoomIns, zoomOuts };
}

/**
 * At most `maxPoints` points: when there are more, the time range is cut into maxPoints / 2 equal buckets and each
 * keeps its lowest and highest point in time order, so short high-power looks stay visible.
 */
export function downsampleSeries(points: ReadonlyArray<[number, number]>, maxPoints: number): Array<[number, number]> {
  if (points.length <= maxPoints) return points.map((p) => [p[0], p[1]]);
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const t0 = points[0][0];
  const span = points[points.length - 1][0] - t0 || 1;
  const out: Array<[number, number]> = [];
  let i = 0;
  for (let b = 0; b < buckets && i < points.length; b++) {
    const until = b === buckets - 1 ? Infinity : t0 + (span * (b + 1)) / buckets;
    let lo = -1;
    let hi = -1;
    for (; i < points.length && points[i][0] < until; i++) {
      if (lo < 0 || points[i][1] < points[lo][1]) lo = i;
      if (hi < 0 || points[i][1] > points[hi][1]) hi = i;
    }
    if (lo < 0) continue;
    const [a, z] = lo <= hi ? [lo, hi] : [hi, lo];
    out.push([points[a][0], points[a][1]]);
    if (z !== a) out.push([points[z][0], points[z][1]]);
  }
  return out;
}

/** Per-session metrics from a slide header and its events (docs/recording.md defines each). */
export function sessionMetrics(slide: SlideHeader, events: readonly NavigationEvent[], options: MetricsOptions = {}): SessionMetricsValues {
  const config = resolveMetricsConfig(options.config);
  const perZoom = magnificationPerZoom(slide, config);
  const bins = config.magnificationBins;
  const edges = binEdges(bins);
  const timeline = buildTimeline(events, config.idleGapMs);
  const { views } = timeline;

  const binMs = new Array<number>(bins.length).fill(0);
  // Time-weighted mean and variance (West's incremental algorithm).
  let weight = 0;
  let zoomMean = 0;
  let zoomM2 = 0;
  let magSum = 0;
  let panPx = 0;
  const grid = slideGrid(slide.width, slide.height, config.gridLongSide);
  const seenAcc = new GridAccumulator(grid);
  for (let i = 0; i < views.length; i++) {
    const { view, activeMs } = views[i];
    if (i > 0) {
      const dx = view.cx - views[i - 1].view.cx;
      const dy = view.cy - views[i - 1].view.cy;
      panPx += Math.sqrt(dx * dx + dy * dy);
    }
    if (activeMs <= 0) continue;
    const magnification = view.zoom * perZoom;
    const b = binIndex(magnification, edges);
    binMs[b] += activeMs;
    weight += activeMs;
    const delta = view.zoom - zoomMean;
    zoomMean += (activeMs / weight) * delta;
    zoomM2 += activeMs * delta * (view.zoom - zoomMean);
    magSum += activeMs * magnification;
    if (bins[b] >= config.seenMinMagnification) seenAcc.addCentresInside(view.x0, view.y0, view.x1, view.y1);
  }

  const msPerBin: Record<string, number> = {};
  bins.forEach((b, i) => (msPerBin[String(b)] = binMs[i]));
  const seen = seenAcc.values();
  let basis: Uint8Array | null = null;
  let seenAt10xBasis: 'tissue' | 'slide' = 'slide';
  if (options.tissueMask) {
    const tissue = resampleMask(options.tissueMask, grid);
    if (tissue.some((v) => v === 1)) {
      basis = tissue;
      seenAt10xBasis = 'tissue';
    }
  }
  basis ??= cellsOnSlide(grid);
  let basisCells = 0;
  let seenCells = 0;
  for (let i = 0; i < basis.length; i++) {
    if (!basis[i]) continue;
    basisCells++;
    if (seen[i] > 0.5) seenCells++;
  }

  const { zoomIns, zoomOuts } = countZoomSteps(views, config);
  return {
    totalMs: timeline.endMs,
    activeMs: timeline.activeMs,
    msPerBin,
    zoomMean: weight > 0 ? zoomMean : 0,
    zoomVariance: weight > 0 ? Math.max(0, zoomM2 / weight) : 0,
    magnificationMean: weight > 0 ? magSum / weight : 0,
    fixations: countFixations(views, config),
    panDistancePx: panPx,
    panDistanceMm: slide.mpp != null ? (panPx * slide.mpp) / 1000 : null,
    zoomIns,
    zoomOuts,
    seenAt10xShare: basisCells > 0 ? Math.min(1, seenCells / basisCells) : 0,
    seenAt10xBasis,
    magnificationSeries: downsampleSeries(magnificationPoints(views, timeline.active, perZoom), config.maxSeriesPoints),
  };
}

/**
 * The magnification on screen during active time, as a step series: a point where each active stretch begins (the
 * view then on screen), one at every view change inside it, and one where it ends. Times are ms from session start.
 */
function magnificationPoints(views: readonly ViewDwell[], active: ReadonlyArray<[number, number]>, perZoom: number): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  let v = -1; // index of the last view with t <= the time being looked at
  for (const [from, to] of active) {
    while (v + 1 < views.length && views[v + 1].view.t <= from) v++;
    if (v >= 0) points.push([from, views[v].view.zoom * perZoom]);
    while (v + 1 < views.length && views[v + 1].view.t < to) {
      v++;
      points.push([views[v].view.t, views[v].view.zoom * perZoom]);
    }
    if (v >= 0) points.push([to, views[v].view.zoom * perZoom]);
  }
  return points;
}
