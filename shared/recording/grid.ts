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

/** Rows (or columns) r0..r1 of the grid, each covered to the same fraction along that axis. */
interface Span {
  from: number;
  to: number;
  fraction: number;
}

/** How [a0, a1) (already clipped to [0, size)) covers the cells of one axis: first cell, inner cells, last cell. */
function spans(a0: number, a1: number, cellSize: number, cells: number): Span[] {
  const i0 = Math.floor(a0 / cellSize);
  const i1 = Math.min(cells - 1, Math.ceil(a1 / cellSize) - 1);
  if (i1 <= i0) return [{ from: i0, to: i0, fraction: (a1 - a0) / cellSize }];
  const out: Span[] = [{ from: i0, to: i0, fraction: ((i0 + 1) * cellSize - a0) / cellSize }];
  if (i1 - 1 >= i0 + 1) out.push({ from: i0 + 1, to: i1 - 1, fraction: 1 });
  out.push({ from: i1, to: i1, fraction: (a1 - i1 * cellSize) / cellSize });
  return out;
}

/**
 * Adds constant values over rectangles of cells in O(1) each (a 2-D difference array), then sums them up once:
 * views covering thousands of cells cost no more than small ones.
 */
export class GridAccumulator {
  private readonly diff: Float64Array;
  private readonly stride: number;
  constructor(readonly grid: SlideGrid) {
    this.stride = grid.cols + 1;
    this.diff = new Float64Array((grid.rows + 1) * this.stride);
  }

  /** Adds `value` to every cell of rows r0..r1 and columns c0..c1 (inclusive). */
  addCells(r0: number, r1: number, c0: number, c1: number, value: number): void {
    const d = this.diff;
    const w = this.stride;
    d[r0 * w + c0] += value;
    d[r0 * w + c1 + 1] -= value;
    d[(r1 + 1) * w + c0] -= value;
    d[(r1 + 1) * w + c1 + 1] += value;
  }

  /** Adds `amount` × (the fraction of each cell's area that the rectangle covers), the rectangle clipped to the slide. */
  addCoverage(x0: number, y0: number, x1: number, y1: number, amount: number): void {
    const g = this.grid;
    const ax0 = Math.max(0, x0);
    const ay0 = Math.max(0, y0);
    const ax1 = Math.min(g.width, x1);
    const ay1 = Math.min(g.height, y1);
    if (!(ax1 > ax0 && ay1 > ay0)) return;
    const cols = spans(ax0, ax1, g.cellSize, g.cols);
    for (const r of spans(ay0, ay1, g.cellSize, g.rows)) {
      for (const c of cols) this.addCells(r.from, r.to, c.from, c.to, amount * r.fraction * c.fraction);
    }
  }

  /**
   * Adds 1 to every cell whose centre lies inside the rectangle (clipped to the slide); when it holds no cell centre
   * (a view smaller than a cell), to the cell holding the rectangle's centre.
   */
  addCentresInside(x0: number, y0: number, x1: number, y1: number): void {
    const g = this.grid;
    const ax0 = Math.max(0, x0);
    const ay0 = Math.max(0, y0);
    const ax1 = Math.min(g.width, x1);
    const ay1 = Math.min(g.height, y1);
    if (!(ax1 > ax0 && ay1 > ay0)) return;
    const s = g.cellSize;
    // Centre of cell c is (c + 0.5) s: inside when x0 <= (c + 0.5) s <= x1.
    const c0 = Math.max(0, Math.ceil(ax0 / s - 0.5));
    const c1 = Math.min(g.cols - 1, Math.floor(ax1 / s - 0.5));
    const r0 = Math.max(0, Math.ceil(ay0 / s - 0.5));
    const r1 = Math.min(g.rows - 1, Math.floor(ay1 / s - 0.5));
    if (c1 < c0 || r1 < r0) {
      const c = Math.min(g.cols - 1, Math.floor((ax0 + ax1) / 2 / s));
      const r = Math.min(g.rows - 1, Math.floor((ay0 + ay1) / 2 / s));
      this.addCells(r, r, c, c, 1);
    } else this.addCells(r0, r1, c0, c1, 1);
  }

  /** The summed value of every cell, row-major. */
  values(): Float64Array {
    const { rows, cols } = this.grid;
    const w = this.stride;
    const d = this.diff;
    const out = new Float64Array(rows * cols);
    const above = new Float64Array(cols);
    for (let r = 0; r < rows; r++) {
      let run = 0;
      for (let c = 0; c < cols; c++) {
        run += d[r * w + c];
        above[c] += run;
        out[r * cols + c] = above[c];
      }
    }
    return out;
  }
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
