import type { Box } from './types';

/**
 * A uniform grid over boxes, for finding the boxes that may overlap a query box without comparing against all of
 * them. Each box is listed in every cell it touches. The cell size is the median box side, so a typical box touches
 * at most four cells, but at least 1/64 of the largest side, so no box touches more than 65 × 65 cells.
 */
export class BoxGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly cell: number;
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(readonly boxes: readonly Box[]) {
    const sides = boxes.map((b) => Math.max(b[2] - b[0], b[3] - b[1])).sort((a, b) => a - b);
    this.cell = sides.length > 0 ? Math.max(1, sides[sides.length >> 1], sides[sides.length - 1] / 64) : 1;
    this.seen = new Uint32Array(boxes.length);
    boxes.forEach((b, i) => this.forCells(b, (key) => {
      const list = this.cells.get(key);
      if (list) list.push(i);
      else this.cells.set(key, [i]);
    }));
  }

  private forCells(b: Box, visit: (key: number) => void): void {
    const gx0 = Math.floor(b[0] / this.cell);
    const gy0 = Math.floor(b[1] / this.cell);
    const gx1 = Math.floor(b[2] / this.cell);
    const gy1 = Math.floor(b[3] / this.cell);
    for (let gx = gx0; gx <= gx1; gx++) for (let gy = gy0; gy <= gy1; gy++) visit(gx * 1_048_576 + gy);
  }

  /** Indexes of the boxes sharing a cell with `query` (a superset of those overlapping it), in no particular order. */
  candidates(query: Box): number[] {
    this.stamp++;
    const out: number[] = [];
    this.forCells(query, (key) => {
      const list = this.cells.get(key);
      if (!list) return;
      for (const i of list) {
        if (this.seen[i] === this.stamp) continue;
        this.seen[i] = this.stamp;
        out.push(i);
      }
    });
    return out;
  }
}
