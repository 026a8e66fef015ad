/** One resolution level of a slide, as a reader reports it. */
export interface SlideLevel {
  width: number;
  height: number;
  /** Level-0 pixels per pixel of this level (1 for level 0). */
  downsample: number;
  tileWidth: number;
  tileHeight: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** OpenSlide's definition: the mean of the width and height ratios to level 0. */
export function downsampleOf(level0: { width: number; height: number }, level: { width: number; height: number }): number {
  return (level0.width / level.width + level0.height / level.height) / 2;
}

/** The level to read for a wanted downsample: the most reduced level that is still at least as sharp (OpenSlide's rule). */
export function bestLevelForDownsample(levels: readonly Pick<SlideLevel, 'downsample'>[], downsample: number): number {
  if (levels.length === 0) return -1;
  let best = 0;
  for (let i = 0; i < levels.length; i++) {
    if (levels[i].downsample <= downsample * (1 + 1e-6) && levels[i].downsample >= levels[best].downsample) best = i;
  }
  return best;
}

/** How many tiles cover an image. */
export function tileGrid(width: number, height: number, tileWidth: number, tileHeight: number): { cols: number; rows: number } {
  return { cols: Math.ceil(width / tileWidth), rows: Math.ceil(height / tileHeight) };
}

/** The tiles (col, row) a rectangle in level pixels touches, clipped to the grid. */
export function tilesCovering(r: Rect, level: Pick<SlideLevel, 'width' | 'height' | 'tileWidth' | 'tileHeight'>): { c0: number; r0: number; c1: number; r1: number } | null {
  const x0 = Math.max(0, r.x);
  const y0 = Math.max(0, r.y);
  const x1 = Math.min(level.width, r.x + r.w);
  const y1 = Math.min(level.height, r.y + r.h);
  if (x1 <= x0 || y1 <= y0) return null;
  return {
    c0: Math.floor(x0 / level.tileWidth),
    r0: Math.floor(y0 / level.tileHeight),
    c1: Math.floor((x1 - 1) / level.tileWidth),
    r1: Math.floor((y1 - 1) / level.tileHeight),
  };
}

/** The overlap of two rectangles, or null. */
export function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.w, b.x + b.w);
  const y1 = Math.min(a.y + a.h, b.y + b.h);
  return x1 > x && y1 > y ? { x, y, w: x1 - x, h: y1 - y } : null;
}

/** One level of the Deep Zoom pyramid the viewer sees: level 0 is 1×1 px, the last level is the full slide. */
export interface DeepZoomLevel {
  width: number;
  height: number;
  cols: number;
  rows: number;
  /** Level-0 pixels per pixel of this level: 2^(maxLevel - level). */
  downsample: number;
}

/** Deep Zoom levels for an image: halving (rounding up) from full size down to 1×1. */
export function deepZoomLevels(width: number, height: number, tileSize: number): DeepZoomLevel[] {
  const maxLevel = Math.ceil(Math.log2(Math.max(width, height, 1)));
  const levels: DeepZoomLevel[] = [];
  for (let l = 0; l <= maxLevel; l++) {
    const downsample = 2 ** (maxLevel - l);
    const w = Math.max(1, Math.ceil(width / downsample));
    const h = Math.max(1, Math.ceil(height / downsample));
    levels.push({ width: w, height: h, downsample, ...tileGrid(w, h, tileSize, tileSize) });
  }
  return levels;
}

/** The pixels (in that Deep Zoom level) a tile covers, overlap included as Deep Zoom defines it. */
export function deepZoomTileRect(level: DeepZoomLevel, col: number, row: number, tileSize: number, overlap: number): Rect {
  const x = col * tileSize - (col > 0 ? overlap : 0);
  const y = row * tileSize - (row > 0 ? overlap : 0);
  const x1 = Math.min(level.width, (col + 1) * tileSize + overlap);
  const y1 = Math.min(level.height, (row + 1) * tileSize + overlap);
  return { x, y, w: x1 - x, h: y1 - y };
}

/**
 * The file level whose resolution equals a Deep Zoom level's (within rounding), or -1.
 * Such a level can serve the viewer its own tiles; other Deep Zoom levels are synthesised.
 */
export function matchingLevel(levels: readonly SlideLevel[], dz: DeepZoomLevel): number {
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i];
    if (Math.abs(l.width - dz.width) <= 1 && Math.abs(l.height - dz.height) <= 1) return i;
  }
  return -1;
}
