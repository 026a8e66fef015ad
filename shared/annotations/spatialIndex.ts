import type { Bounds } from './measure';

// Finding the annotations in view without looking at all of them. StaticBoxTree is a packed R-tree: boxes sorted
// along a Hilbert curve, grouped nodeSize at a time into nodes, level upon level up to one root, all in one
// Float64Array. SpatialIndex wraps it for a layer that changes: edits since the last build sit in a small side list
// that is scanned linearly, and the tree is rebuilt once that list grows.

const HILBERT_SIDE = 1 << 16;

/** Position of cell (x, y) along a Hilbert curve over a HILBERT_SIDE × HILBERT_SIDE grid. */
function hilbert(x: number, y: number): number {
  let d = 0;
  for (let s = HILBERT_SIDE >>> 1; s > 0; s >>>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

export class StaticBoxTree {
  /** Boxes of every level, 4 numbers each: the items (in tree order) first, then each level of nodes, the root last. */
  private readonly boxes: Float64Array;
  /** Item index (as given to the constructor) of each leaf slot. */
  private readonly order: Uint32Array;
  /** Start (in boxes, not numbers) of each level; levelStart[levels] = total. */
  private readonly levelStart: number[];
  private readonly stack: number[] = [];

  /** `boxes` holds minX, minY, maxX, maxY for item 0, then item 1, … */
  constructor(
    boxes: ArrayLike<number>,
    readonly nodeSize = 16,
  ) {
    const n = Math.floor(boxes.length / 4);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, boxes[4 * i]);
      minY = Math.min(minY, boxes[4 * i + 1]);
      maxX = Math.max(maxX, boxes[4 * i + 2]);
      maxY = Math.max(maxY, boxes[4 * i + 3]);
    }
    const w = maxX - minX || 1;
    const h = maxY - minY || 1;
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const cx = (boxes[4 * i] + boxes[4 * i + 2]) / 2;
      const cy = (boxes[4 * i + 1] + boxes[4 * i + 3]) / 2;
      keys[i] = hilbert(Math.floor(((cx - minX) / w) * (HILBERT_SIDE - 1)), Math.floor(((cy - minY) / h) * (HILBERT_SIDE - 1)));
    }
    const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b]);
    this.order = order;
    const levelStart = [0];
    let count = n;
    let total = n;
    while (count > 1) {
      count = Math.ceil(count / nodeSize);
      levelStart.push(total);
      total += count;
    }
    levelStart.push(total);
    if (n === 0) levelStart.splice(1);
    this.levelStart = levelStart;
    const out = new Float64Array(total * 4);
    for (let k = 0; k < n; k++) {
      const src = 4 * order[k];
      out[4 * k] = boxes[src];
      out[4 * k + 1] = boxes[src + 1];
      out[4 * k + 2] = boxes[src + 2];
      out[4 * k + 3] = boxes[src + 3];
    }
    for (let level = 1; level < levelStart.length - 1; level++) {
      const childStart = levelStart[level - 1];
      const childEnd = levelStart[level];
      for (let node = levelStart[level], c = childStart; c < childEnd; node++) {
        let x0 = Infinity;
        let y0 = Infinity;
        let x1 = -Infinity;
        let y1 = -Infinity;
        for (const end = Math.min(c + nodeSize, childEnd); c < end; c++) {
          x0 = Math.min(x0, out[4 * c]);
          y0 = Math.min(y0, out[4 * c + 1]);
          x1 = Math.max(x1, out[4 * c + 2]);
          y1 = Math.max(y1, out[4 * c + 3]);
        }
        out[4 * node] = x0;
        out[4 * node + 1] = y0;
        out[4 * node + 2] = x1;
        out[4 * node + 3] = y1;
      }
    }
    this.boxes = out;
  }

  get size(): number {
    return this.order.length;
  }

  /**
   * Calls `visit` with the index of every item whose box touches the query box (edges included). `minExtent` skips
   * items whose larger side is below it (e.g. under one screen pixel at the current zoom).
   */
  forEach(minX: number, minY: number, maxX: number, maxY: number, visit: (index: number) => void, minExtent = 0): void {
    const n = this.order.length;
    if (n === 0) return;
    const b = this.boxes;
    const ls = this.levelStart;
    const stack = this.stack;
    stack.length = 0;
    const top = ls.length - 2;
    // Each stack entry is a box index; its level is found from levelStart.
    stack.push(ls[top]);
    while (stack.length > 0) {
      const node = stack.pop() as number;
      if (b[4 * node] > maxX || b[4 * node + 1] > maxY || b[4 * node + 2] < minX || b[4 * node + 3] < minY) continue;
      if (node < n) {
        if (minExtent > 0 && Math.max(b[4 * node + 2] - b[4 * node], b[4 * node + 3] - b[4 * node + 1]) < minExtent) continue;
        visit(this.order[node]);
        continue;
      }
      let level = 1;
      while (ls[level + 1] <= node) level++;
      const first = ls[level - 1] + (node - ls[level]) * this.nodeSize;
      const last = Math.min(first + this.nodeSize, ls[level]);
      for (let c = last - 1; c >= first; c--) stack.push(c);
    }
  }

  search(minX: number, minY: number, maxX: number, maxY: number, minExtent = 0): number[] {
    const out: number[] = [];
    this.forEach(minX, minY, maxX, maxY, (i) => out.push(i), minExtent);
    return out;
  }
}

const touches = (b: Bounds, v: Bounds) => b.minX <= v.maxX && b.maxX >= v.minX && b.minY <= v.maxY && b.maxY >= v.minY;

/** A spatial index over keyed boxes (e.g. annotation id → bounds) that stays cheap while annotations are edited. */
export class SpatialIndex<K> {
  private readonly all = new Map<K, Bounds>();
  private tree = new StaticBoxTree([]);
  private treeKeys: K[] = [];
  /** Keys whose entry in the tree is out of date (changed or removed since the build). */
  private readonly stale = new Set<K>();
  /** Keys added or changed since the build, scanned linearly. */
  private readonly fresh = new Map<K, Bounds>();

  constructor(entries: Iterable<[K, Bounds]> = []) {
    for (const [k, b] of entries) this.all.set(k, b);
    this.rebuild();
  }

  get size(): number {
    return this.all.size;
  }

  has(key: K): boolean {
    return this.all.has(key);
  }

  get(key: K): Bounds | undefined {
    return this.all.get(key);
  }

  /** Adds or moves an entry. */
  set(key: K, bounds: Bounds): void {
    this.all.set(key, bounds);
    this.stale.add(key);
    this.fresh.set(key, bounds);
  }

  delete(key: K): boolean {
    if (!this.all.delete(key)) return false;
    this.stale.add(key);
    this.fresh.delete(key);
    return true;
  }

  clear(): void {
    this.all.clear();
    this.rebuild();
  }

  /** Rebuilds the packed tree from every entry (done automatically once enough edits pile up). */
  rebuild(): void {
    this.treeKeys = [...this.all.keys()];
    const boxes = new Float64Array(this.treeKeys.length * 4);
    let i = 0;
    for (const b of this.all.values()) {
      boxes[i++] = b.minX;
      boxes[i++] = b.minY;
      boxes[i++] = b.maxX;
      boxes[i++] = b.maxY;
    }
    this.tree = new StaticBoxTree(boxes);
    this.stale.clear();
    this.fresh.clear();
  }

  /** Keys whose bounds touch the view (level-0 px); `minExtent` skips entries smaller than that in both directions. */
  search(view: Bounds, minExtent = 0): K[] {
    if (this.stale.size > Math.max(64, this.all.size / 16)) this.rebuild();
    const out: K[] = [];
    this.tree.forEach(
      view.minX,
      view.minY,
      view.maxX,
      view.maxY,
      (i) => {
        const k = this.treeKeys[i];
        if (!this.stale.has(k)) out.push(k);
      },
      minExtent,
    );
    for (const [k, b] of this.fresh) {
      if (touches(b, view) && (minExtent <= 0 || Math.max(b.maxX - b.minX, b.maxY - b.minY) >= minExtent)) out.push(k);
    }
    return out;
  }
}
