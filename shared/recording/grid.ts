/** A coarse grid of square cells laid over a slide from its top-left corner (the last row and column may overhang). */
export interface SlideGrid {
  cols: number;
  rows: number;
  /** Side of a cell in level-0 pixels. */
  cellSize: number;
  /** The slide's level-0 size. */
  width: number;
  height: number;
}

/** `longSide` cells along the slide's longer side, as many square cells as needed along the other. */
export function slideGrid(width: number, height: number, longSide: number): SlideGrid {
  const cellSize = Math.max(width, height) / longSide;
  return { cols: Math.max(1, Math.ceil(width / cellSize - 1e-9)), rows: Math.max(1, Math.ceil(height / cellSize - 1e-9)), cellSize, width, height };
}

/**
 * Calls `visit(index, fraction)` for every cell that the rectangle (level-0 px, clipped to the slide) overlaps, with
 * the fraction (0..1] of the cell's area it covers. index = row × cols + col.
 */
export function forEachCoveredCell(grid: SlideGrid, x0: number, y0: number, x1: number, y1: number, visit: (index: number, fraction: number) => void): void {
  const ax0 = Math.max(0, x0);
  const ay0 = Math.max(0, y0);
  const ax1 = Math.min(grid.width, x1);
  const ay1 = Math.min(grid.height, y1);
  if (!(ax1 > ax0 && ay1 > ay0)) return;
  const s = grid.cellSize;
  const c0 = Math.floor(ax0 / s);
  const r0 = Math.floor(ay0 / s);
  const c1 = Math.min(grid.cols - 1, Math.ceil(ax1 / s) - 1);
  const r1 = Math.min(grid.rows - 1, Math.ceil(ay1 / s) - 1);
  const area = s * s;
  for (let r = r0; r <= r1; r++) {
    const h = Math.min(ay1, (r + 1) * s) - Math.max(ay0, r * s);
    if (h <= 0) continue;
    for (let c = c0; c <= c1; c++) {
      const w = Math.min(ax1, (c + 1) * s) - Math.max(ax0, c * s);
      if (w > 0) visit(r * grid.cols + c, (w * h) / area);
    }
  }
}

/**
 * Calls `visit(index)` for every cell whose centre lies inside the rectangle (clipped to the slide); when the
 * rectangle holds no cell centre (a view smaller than a cell), for the cell holding the rectangle's centre.
 */
export function forEachCellCentreInside(grid: SlideGrid, x0: number, y0: number, x1: number, y1: number, visit: (index: number) => void): void {
  const ax0 = Math.max(0, x0);
  const ay0 = Math.max(0, y0);
  const ax1 = Math.min(grid.width, x1);
  const ay1 = Math.min(grid.height, y1);
  if (!(ax1 > ax0 && ay1 > ay0)) return;
  const s = grid.cellSize;
  // Centre of cell c is (c + 0.5) s: inside when x0 <= (c + 0.5) s <= x1.
  const c0 = Math.max(0, Math.ceil(ax0 / s - 0.5));
  const c1 = Math.min(grid.cols - 1, Math.floor(ax1 / s - 0.5));
  const r0 = Math.max(0, Math.ceil(ay0 / s - 0.5));
  const r1 = Math.min(grid.rows - 1, Math.floor(ay1 / s - 0.5));
  if (c1 < c0 || r1 < r0) {
    const c = Math.min(grid.cols - 1, Math.floor((ax0 + ax1) / 2 / s));
    const r = Math.min(grid.rows - 1, Math.floor((ay0 + ay1) / 2 / s));
    visit(r * grid.cols + c);
    return;
  }
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) visit(r * grid.cols + c);
}

/** A tissue mask over the whole slide: `cols` × `rows` cells, row-major, non-zero = tissue. */
export interface TissueMask {
  cols: number;
  rows: number;
  cells: ArrayLike<number>;
}

/** For each cell of `grid`, whether its centre lies on the slide (cells of the overhanging last row or column may not). */
export function cellsOnSlide(grid: SlideGrid): Uint8Array {
  const out = new Uint8Array(grid.cols * grid.rows);
  for (let r = 0; r < grid.rows; r++) {
    if ((r + 0.5) * grid.cellSize > grid.height) continue;
    for (let c = 0; c < grid.cols; c++) if ((c + 0.5) * grid.cellSize <= grid.width) out[r * grid.cols + c] = 1;
  }
  return out;
}

/** For each cell of `grid` whose centre lies on the slide, whether the mask cell under that centre is tissue. */
export function resampleMask(mask: TissueMask, grid: SlideGrid): Uint8Array {
  if (!(Number.isInteger(mask.cols) && Number.isInteger(mask.rows) && mask.cols > 0 && mask.rows > 0) || mask.cells.length !== mask.cols * mask.rows) {
    throw new Error(`A tissue mask of ${mask.cols} × ${mask.rows} cells needs ${mask.cols * mask.rows} values, not ${mask.cells.length}.`);
  }
  const out = new Uint8Array(grid.cols * grid.rows);
  for (let r = 0; r < grid.rows; r++) {
    const y = (r + 0.5) * grid.cellSize;
    if (y > grid.height) continue;
    const mr = Math.min(mask.rows - 1, Math.floor((y / grid.height) * mask.rows));
    for (let c = 0; c < grid.cols; c++) {
      const x = (c + 0.5) * grid.cellSize;
      if (x > grid.width) continue;
      const mc = Math.min(mask.cols - 1, Math.floor((x / grid.width) * mask.cols));
      out[r * grid.cols + c] = mask.cells[mr * mask.cols + mc] ? 1 : 0;
    }
  }
  return out;
}
