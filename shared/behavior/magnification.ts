import type { SlideHeader } from '../navigation/schema';
import type { BehaviorConfig } from './config';

/**
 * Magnification per unit of zoom for this slide: the objective power when known (40× objective at zoom 1 = 40×),
 * else mppMagnificationScale / mpp (0.25 µm/px at zoom 1 = 40× with the default scale of 10).
 */
export function magnificationPerZoom(slide: Pick<SlideHeader, 'mpp' | 'objectivePower'>, config: Pick<BehaviorConfig, 'mppMagnificationScale'>): number {
  if (slide.objectivePower != null) return slide.objectivePower;
  if (slide.mpp != null) return config.mppMagnificationScale / slide.mpp;
  throw new Error('The slide has neither an objective power nor an mpp, so zoom cannot be turned into magnification.');
}

/** Equivalent magnification of a view at `zoom` screen CSS px per level-0 px. */
export function magnificationOf(slide: Pick<SlideHeader, 'mpp' | 'objectivePower'>, zoom: number, config: Pick<BehaviorConfig, 'mppMagnificationScale'>): number {
  return magnificationPerZoom(slide, config) * zoom;
}

/**
 * Boundaries between neighbouring bins: the geometric mean of each pair, which is where "nearest on a log scale"
 * switches. A magnification exactly on a boundary goes to the higher bin.
 */
export function binEdges(bins: readonly number[]): number[] {
  const edges: number[] = [];
  for (let i = 0; i + 1 < bins.length; i++) edges.push(Math.sqrt(bins[i] * bins[i + 1]));
  return edges;
}

/** Index into `bins` of the nearest bin on a log scale (edges from binEdges). */
export function binIndex(magnification: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && magnification >= edges[i]) i++;
  return i;
}

/** The bin (one of `bins`) nearest to `magnification` on a log scale. */
export function binOf(magnification: number, bins: readonly number[]): number {
  return bins[binIndex(magnification, binEdges(bins))];
}
