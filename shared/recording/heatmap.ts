import { magnificationPerZoom } from '../behavior/magnification';
import type { NavigationEvent, SlideHeader } from '../navigation/schema';
import { resolveMetricsConfig, type MetricsConfigInput } from './config';
import { GridAccumulator, slideGrid } from './grid';
import { buildTimeline } from './timeline';

export interface AttentionHeatmap {
  cols: number;
  rows: number;
  /** Side of a cell in level-0 pixels (cells are square; the last row and column may overhang the slide). */
  cellSize: number;
  /** Row-major, 0..1 (1 = the cell with the most weighted dwell); all 0 when nothing was looked at. */
  values: Float32Array;
  /** The weighted dwell of the hottest cell before normalisation (ms × weight). */
  max: number;
}

/**
 * Where attention went: every view adds its active dwell time × a magnification weight to each grid cell it covers
 * (in proportion to how much of the cell it covers), then the grid is scaled to 0..1. The weight is the view's
 * magnification / heatmapReferenceMagnification (10 by default), so a second at 40× weighs as much as four seconds
 * at 10× and eight at 5×: a close look counts more than an overview that merely had the area on screen.
 */
export function attentionHeatmap(slide: SlideHeader, events: readonly NavigationEvent[], config?: MetricsConfigInput): AttentionHeatmap {
  const c = resolveMetricsConfig(config);
  const perZoom = magnificationPerZoom(slide, c);
  const grid = slideGrid(slide.width, slide.height, c.gridLongSide);
  const accumulator = new GridAccumulator(grid);
  for (const { view, activeMs } of buildTimeline(events, c.idleGapMs).views) {
    if (activeMs > 0) accumulator.addCoverage(view.x0, view.y0, view.x1, view.y1, (activeMs * view.zoom * perZoom) / c.heatmapReferenceMagnification);
  }
  const acc = accumulator.values();
  let max = 0;
  for (let i = 0; i < acc.length; i++) if (acc[i] > max) max = acc[i];
  const values = new Float32Array(acc.length);
  // Summing the differences leaves crumbs of rounding error where nothing was added: those stay 0.
  if (max > 0) for (let i = 0; i < acc.length; i++) values[i] = acc[i] > max * 1e-9 ? acc[i] / max : 0;
  return { cols: grid.cols, rows: grid.rows, cellSize: grid.cellSize, values, max };
}
