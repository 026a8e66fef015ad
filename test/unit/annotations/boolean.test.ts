import { describe, expect, it } from 'vitest';
import { brushStroke, intersectGeometries, subtractGeometry, unionGeometries } from '../../../shared/annotations/boolean';
import { geometryIssues, type Geometry } from '../../../shared/annotations/geometry';
import { geometryArea, geometryBounds } from '../../../shared/annotations/measure';
import { distanceToGeometry } from '../../../shared/annotations/shapes';

const rect = (x: number, y: number, width: number, height: number): Geometry => ({ type: 'rectangle', x, y, width, height });

describe('brush and eraser operations', () => {
  it('a brush stroke covers its path at the brush radius, with round ends', () => {
    const stroke = brushStroke(
      [
        [100, 100],
        [150, 100],
        [200, 100],
        [300, 100],
      ],
      20,
    );
    expect(stroke.type).toBe('polygon');
    expect(geometryIssues(stroke)).toEqual([]);
    const b = geometryBounds(stroke);
    expect(b.minX).toBeCloseTo(80, 0);
    expect(b.maxX).toBeCloseTo(320, 0);
    expect(b.minY).toBeCloseTo(80, 0);
    expect(b.maxY).toBeCloseTo(120, 0);
    // A 200 px long, 40 px wide band plus a full circle of radius 20.
    expect(geometryArea(stroke)).toBeCloseTo(200 * 40 + Math.PI * 400, -2);
    expect(distanceToGeometry(stroke, 200, 115)).toBe(0);
    expect(distanceToGeometry(stroke, 200, 125)).toBeGreaterThan(0);
  });

  it('a single click of the brush is a disc: every vertex on the brush edge', () => {
    const dot = brushStroke([[50, 50]], 10);
    expect(dot.type).toBe('polygon');
    const ring = dot.type === 'polygon' ? dot.rings[0] : [];
    expect(ring.length).toBeGreaterThan(16);
    for (const [x, y] of ring) expect(Math.abs(Math.hypot(x - 50, y - 50) - 10)).toBeLessThan(0.1);
    expect(geometryArea(dot) / (Math.PI * 100)).toBeGreaterThan(0.98);
  });

  it('a stroke that loops back on itself encloses a hole', () => {
    const loop = brushStroke(
      [
        [0, 0],
        [200, 0],
        [200, 200],
        [0, 200],
        [0, 0],
      ],
      10,
    );
    expect(loop.type === 'polygon' && loop.rings.length).toBe(2);
    expect(distanceToGeometry(loop, 100, 100)).toBeGreaterThan(0);
  });

  it('joins overlapping strokes into one polygon and keeps separate ones apart', () => {
    const a = brushStroke([[0, 0], [100, 0]], 10);
    const b = brushStroke([[100, 0], [100, 100]], 10);
    const joined = unionGeometries([a, b]);
    expect(joined?.type).toBe('polygon');
    const apart = unionGeometries([a, brushStroke([[0, 500], [100, 500]], 10)]);
    expect(apart?.type).toBe('multipolygon');
    expect(geometryArea(apart as Geometry)).toBeCloseTo(geometryArea(a) * 2, -1);
  });

  it('erasing the middle of a region leaves a hole; erasing across it splits it; erasing all of it leaves nothing', () => {
    const region = rect(0, 0, 100, 100);
    const holed = subtractGeometry(region, rect(40, 40, 20, 20));
    expect(holed?.type).toBe('polygon');
    expect(holed?.type === 'polygon' && holed.rings.length).toBe(2);
    expect(geometryArea(holed as Geometry)).toBeCloseTo(10_000 - 400, 6);
    expect(distanceToGeometry(holed as Geometry, 50, 50)).toBeGreaterThan(0);

    const split = subtractGeometry(region, brushStroke([[50, -20], [50, 120]], 5));
    expect(split?.type).toBe('multipolygon');
    expect(split?.type === 'multipolygon' && split.polygons.length).toBe(2);

    expect(subtractGeometry(region, rect(-10, -10, 200, 200))).toBeNull();
    expect(subtractGeometry(region, [rect(0, 0, 50, 100), rect(50, 0, 50, 100)])).toBeNull();
  });

  it('intersects, and refuses shapes without area', () => {
    expect(geometryArea(intersectGeometries(rect(0, 0, 10, 10), rect(5, 5, 10, 10)) as Geometry)).toBe(25);
    expect(intersectGeometries(rect(0, 0, 10, 10), rect(50, 50, 10, 10))).toBeNull();
    expect(() => unionGeometries([rect(0, 0, 1, 1), { type: 'line', points: [[0, 0], [5, 5]] }])).toThrow(/no area/);
    expect(() => brushStroke([[0, 0]], 0)).toThrow(/radius/);
  });
});
