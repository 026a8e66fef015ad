import { iou, type Box } from './boxes';

export interface Heatmap {
  rows: number;
  cols: number;
  /** Row-major, one value in [0, 1] per cell. */
  values: Float32Array;
}

export interface Candidate {
  /** In heatmap cells, [c0, r0, c1, r1), exclusive ends. */
  cells: Box;
  /** Indices of the cells of the region (above its threshold, connected). */
  members: number[];
  /** Mean heat over the members. */
  score: number;
  peak: number;
}

export interface BoxOptions {
  /** Cells at or above this are candidate cells; each threshold is tried and the results pooled before NMS. */
  thresholds: number[];
  /** Regions of fewer cells are dropped as specks. */
  minCells: number;
  /** Boxes overlapping a better one by more than this IoU are suppressed. */
  nmsIoU: number;
  maxBoxes: number;
}

export const DEFAULT_BOX_OPTIONS: BoxOptions = { thresholds: [0.5, 0.7, 0.85], minCells: 3, nmsIoU: 0.3, maxBoxes: 20 };

function components(h: Heatmap, threshold: number, minCells: number): Candidate[] {
  const { rows, cols, values } = h;
  const label = new Int32Array(rows * cols).fill(-1);
  const out: Candidate[] = [];
  const stack: number[] = [];
  for (let start = 0; start < rows * cols; start++) {
    if (label[start] !== -1 || !(values[start] >= threshold)) continue;
    const members: number[] = [];
    label[start] = out.length;
    stack.push(start);
    let c0 = cols, r0 = rows, c1 = 0, r1 = 0, sum = 0, peak = 0;
    while (stack.length) {
      const i = stack.pop() as number;
      members.push(i);
      const r = Math.floor(i / cols);
      const c = i - r * cols;
      c0 = Math.min(c0, c);
      r0 = Math.min(r0, r);
      c1 = Math.max(c1, c + 1);
      r1 = Math.max(r1, r + 1);
      sum += values[i];
      peak = Math.max(peak, values[i]);
      const neighbours = [c > 0 ? i - 1 : -1, c < cols - 1 ? i + 1 : -1, r > 0 ? i - cols : -1, r < rows - 1 ? i + cols : -1];
      for (const j of neighbours) {
        if (j >= 0 && label[j] === -1 && values[j] >= threshold) {
          label[j] = out.length;
          stack.push(j);
        }
      }
    }
    if (members.length >= minCells) out.push({ cells: [c0, r0, c1, r1], members: members.sort((a, b) => a - b), score: sum / members.length, peak });
    else for (const m of members) label[m] = -2;
  }
  return out;
}

/** Greedy non-maximum suppression: best first, dropping boxes that overlap a kept one by more than `maxIoU`. */
export function nonMaximumSuppression<T extends { score: number }>(items: T[], boxOf: (t: T) => Box, maxIoU: number, limit = Infinity): T[] {
  const sorted = [...items].sort((a, b) => b.score - a.score || boxOf(a)[1] - boxOf(b)[1] || boxOf(a)[0] - boxOf(b)[0]);
  const kept: T[] = [];
  for (const t of sorted) {
    if (kept.length >= limit) break;
    if (kept.every((k) => iou(boxOf(k), boxOf(t)) <= maxIoU)) kept.push(t);
  }
  return kept;
}

/** Heatmap → ranked candidate regions: connected regions above each threshold, pooled, then NMS. */
export function heatmapCandidates(h: Heatmap, opts: BoxOptions = DEFAULT_BOX_OPTIONS): Candidate[] {
  const all = opts.thresholds.flatMap((t) => components(h, t, opts.minCells));
  return nonMaximumSuppression(all, (c) => c.cells, opts.nmsIoU, opts.maxBoxes);
}

/** A candidate's box in input pixels (cells × stride). */
export function cellsToPixels(cells: Box, stride: number): Box {
  return [cells[0] * stride, cells[1] * stride, cells[2] * stride, cells[3] * stride];
}
