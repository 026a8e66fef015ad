import { describe, expect, it } from 'vitest';
import type { Bounds } from '../../../shared/annotations/measure';
import { SpatialIndex, StaticBoxTree } from '../../../shared/annotations/spatialIndex';

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

function randomBoxes(n: number, rnd: () => number): Bounds[] {
  return Array.from({ length: n }, () => {
    const x = rnd() * 100_000;
    const y = rnd() * 80_000;
    const w = rnd() < 0.05 ? rnd() * 20_000 : rnd() * 600;
    const h = rnd() < 0.05 ? rnd() * 20_000 : rnd() * 600;
    return { minX: x, minY: y, maxX: x + w, maxY: y + h };
  });
}

const touches = (b: Bounds, v: Bounds) => b.minX <= v.maxX && b.maxX >= v.minX && b.minY <= v.maxY && b.maxY >= v.minY;
const flat = (boxes: Bounds[]) => Float64Array.from(boxes.flatMap((b) => [b.minX, b.minY, b.maxX, b.maxY]));

describe('the spatial index', () => {
  it('finds exactly the boxes a brute-force scan finds, for views of every size', () => {
    const rnd = random(7);
    for (const n of [0, 1, 15, 16, 17, 300, 5000]) {
      const boxes = randomBoxes(n, rnd);
      const tree = new StaticBoxTree(flat(boxes));
      for (let q = 0; q < 60; q++) {
        const w = [50, 2000, 30_000, 200_000][q % 4];
        const x = rnd() * 110_000 - 5000;
        const y = rnd() * 90_000 - 5000;
        const view = { minX: x, minY: y, maxX: x + w, maxY: y + w * 0.6 };
        const expected = boxes.flatMap((b, i) => (touches(b, view) ? [i] : [])).sort((a, b) => a - b);
        expect(tree.search(view.minX, view.minY, view.maxX, view.maxY).sort((a, b) => a - b)).toEqual(expected);
      }
    }
  });

  it('counts touching edges as in view, and can skip boxes too small to see', () => {
    const tree = new StaticBoxTree(flat([{ minX: 0, minY: 0, maxX: 10, maxY: 10 }, { minX: 20, minY: 20, maxX: 20.5, maxY: 20.5 }]));
    expect(tree.search(10, 10, 30, 30).sort()).toEqual([0, 1]);
    expect(tree.search(10, 10, 30, 30, 1)).toEqual([0]);
    expect(tree.search(10.01, 10.01, 19.9, 19.9)).toEqual([]);
  });

  it('keeps up with edits: added, moved and deleted annotations, before and after rebuilds', () => {
    const rnd = random(11);
    const boxes = new Map(randomBoxes(2000, rnd).map((b, i) => [i + 1, b] as [number, Bounds]));
    const index = new SpatialIndex(boxes);
    const check = () => {
      for (let q = 0; q < 20; q++) {
        const x = rnd() * 100_000;
        const y = rnd() * 80_000;
        const view = { minX: x, minY: y, maxX: x + 8000, maxY: y + 5000 };
        const expected = [...boxes].filter(([, b]) => touches(b, view)).map(([k]) => k);
        expect(index.search(view).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
      }
    };
    check();
    for (let step = 0; step < 400; step++) {
      const r = rnd();
      const key = 1 + Math.floor(rnd() * 2600);
      if (r < 0.4) {
        const [b] = randomBoxes(1, rnd);
        boxes.set(key, b);
        index.set(key, b);
      } else {
        boxes.delete(key);
        index.delete(key);
      }
      if (step % 50 === 0) check();
    }
    check();
    expect(index.size).toBe(boxes.size);
    index.clear();
    expect(index.search({ minX: -1e9, minY: -1e9, maxX: 1e9, maxY: 1e9 })).toEqual([]);
  });
});
