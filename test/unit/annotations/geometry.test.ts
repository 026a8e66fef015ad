import { describe, expect, it } from 'vitest';
import { describeIssue, geometryIssues, GeometrySchema, MAX_COORDINATE, MAX_VERTICES, type Geometry } from '../../../shared/annotations/geometry';

const square: Geometry = {
  type: 'polygon',
  rings: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
  ],
};

const first = (g: unknown) => geometryIssues(g as Geometry).map(describeIssue)[0];

describe('geometry validation', () => {
  it('accepts every geometry type when well formed', () => {
    const ok: Geometry[] = [
      { type: 'point', x: 1.5, y: 2 },
      { type: 'multipoint', points: [[1, 2]] },
      { type: 'line', points: [[0, 0], [3, 4]] },
      { type: 'rectangle', x: 5, y: 5, width: 10, height: 2 },
      { type: 'ellipse', cx: 5, cy: 5, rx: 3, ry: 2, rotation: 0.3 },
      square,
      { type: 'multipolygon', polygons: [square.type === 'polygon' ? square.rings : []] },
    ];
    for (const g of ok) expect(geometryIssues(g)).toEqual([]);
  });

  it('names the ring and the position that is wrong', () => {
    expect(first({ type: 'polygon', rings: [[[0, 0], [10, 0], [10, 10], [0, 10]]] })).toBe('rings[0] is not closed: its last position must repeat its first');
    expect(first({ type: 'polygon', rings: [[[0, 0], [10, 0], [10, Number.NaN], [0, 0]]] })).toBe('rings[0][2][1] y must be a finite number');
    expect(first({ type: 'polygon', rings: [[[0, 0], [10, 0], [0, 0], [10, 0], [0, 0]]] })).toMatch(/rings\[0\] has only 2 distinct points/);
    expect(first({ type: 'polygon', rings: [[[0, 0], [5, 5], [10, 10], [0, 0]]] })).toMatch(/rings\[0\] has no area/);
    expect(first({ type: 'polygon', rings: [[[0, 0], [1, 1], [0, 0]]] })).toMatch(/needs at least 4/);
    expect(first({ type: 'multipolygon', polygons: [[[[0, 0], [4, 0], [4, 4], [0, 0]]], [[[0, 0], [4, 0]]]] })).toMatch(/^polygons\[1\]\[0\]/);
  });

  it('refuses a hole reaching outside its outer ring', () => {
    const g = { type: 'polygon', rings: [...(square as { rings: unknown[] }).rings, [[5, 5], [20, 5], [5, 8], [5, 5]]] };
    expect(first(g)).toMatch(/rings\[1\] is a hole that reaches outside/);
  });

  it('refuses absurd sizes and flat or empty shapes', () => {
    expect(first({ type: 'point', x: MAX_COORDINATE * 2, y: 0 })).toMatch(/^x is beyond/);
    expect(first({ type: 'rectangle', x: 0, y: 0, width: 0, height: 5 })).toBe('width must be a positive number');
    expect(first({ type: 'ellipse', cx: 0, cy: 0, rx: -1, ry: 5, rotation: 0 })).toBe('rx must be a positive number');
    expect(first({ type: 'line', points: [[1, 1], [1, 1]] })).toMatch(/at least 2 distinct points/);
    expect(first({ type: 'multipoint', points: [] })).toMatch(/at least one point/);
    const many = Array.from({ length: MAX_VERTICES + 1 }, (_, i) => [i % 1000, Math.floor(i / 1000)]);
    expect(first({ type: 'line', points: many })).toMatch(/at most 500,000/);
  });

  it('is the check the contract applies, with the place in the zod issue path', () => {
    const bad = GeometrySchema.safeParse({ type: 'polygon', rings: [[[0, 0], [1, 0], [1, 1]]] });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0].path).toEqual(['rings', 0]);
    expect(GeometrySchema.safeParse({ type: 'circle', cx: 0 }).success).toBe(false);
    expect(GeometrySchema.safeParse({ type: 'point', x: 1, y: 2, z: 3 }).success).toBe(false);
    expect(GeometrySchema.parse({ type: 'ellipse', cx: 1, cy: 2, rx: 3, ry: 4 })).toEqual({ type: 'ellipse', cx: 1, cy: 2, rx: 3, ry: 4, rotation: 0 });
  });
});
