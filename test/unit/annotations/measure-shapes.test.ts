import { describe, expect, it } from 'vitest';
import type { EllipseGeometry, Geometry } from '../../../shared/annotations/geometry';
import { formatAreaUm2, formatLengthUm, geometryArea, geometryBounds, geometryLength, measure } from '../../../shared/annotations/measure';
import {
  closeRing,
  distanceToGeometry,
  ellipseRadius,
  ellipseRing,
  rectangleFromCorners,
  ringAsRectangle,
  ringMatchesEllipse,
  translateGeometry,
} from '../../../shared/annotations/shapes';
import { toRecordedGeometry } from '../../../shared/annotations/navigationEvent';

const donut: Geometry = {
  type: 'polygon',
  rings: [
    closeRing([
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
    ]),
    closeRing([
      [25, 25],
      [25, 75],
      [75, 75],
      [75, 25],
    ]),
  ],
};

describe('measurements', () => {
  it('gives areas with holes subtracted, and lengths of lines and perimeters', () => {
    expect(geometryArea(donut)).toBe(10_000 - 2_500);
    expect(geometryLength(donut)).toBe(400 + 200);
    expect(geometryArea({ type: 'rectangle', x: 3, y: 4, width: 10, height: 20 })).toBe(200);
    expect(geometryLength({ type: 'line', points: [[0, 0], [3, 4], [3, 10]] })).toBe(11);
    expect(geometryArea({ type: 'line', points: [[0, 0], [3, 4]] })).toBe(0);
    expect(geometryArea({ type: 'ellipse', cx: 0, cy: 0, rx: 2, ry: 3, rotation: 1 })).toBeCloseTo(6 * Math.PI, 12);
    // A circle's circumference is exact.
    expect(geometryLength({ type: 'ellipse', cx: 0, cy: 0, rx: 5, ry: 5, rotation: 0 })).toBeCloseTo(10 * Math.PI, 9);
  });

  it('converts a ruler to µm with the slide pixel size, including non-square pixels', () => {
    const ruler: Geometry = { type: 'line', points: [[0, 0], [400, 0]] };
    expect(measure(ruler, { x: 0.25, y: 0.25 }).lengthUm).toBe(100);
    expect(measure(ruler, null)).toEqual({ areaPx: 0, lengthPx: 400, areaUm2: null, lengthUm: null });
    const diagonal: Geometry = { type: 'line', points: [[0, 0], [30, 40]] };
    expect(measure(diagonal, { x: 0.5, y: 0.25 }).lengthUm).toBeCloseTo(Math.hypot(15, 10), 12);
    expect(measure({ type: 'rectangle', x: 0, y: 0, width: 400, height: 400 }, { x: 0.25, y: 0.25 }).areaUm2).toBe(10_000);
    expect(formatLengthUm(100)).toBe('100 µm');
    expect(formatLengthUm(12.345)).toBe('12.3 µm');
    expect(formatLengthUm(3250)).toBe('3.25 mm');
    expect(formatAreaUm2(1250.4)).toBe('1,250 µm²');
    expect(formatAreaUm2(42_000_000)).toBe('42.00 mm²');
  });

  it('bounds a rotated ellipse exactly', () => {
    const b = geometryBounds({ type: 'ellipse', cx: 100, cy: 50, rx: 40, ry: 10, rotation: Math.PI / 2 });
    expect(b.minX).toBeCloseTo(90, 9);
    expect(b.maxX).toBeCloseTo(110, 9);
    expect(b.minY).toBeCloseTo(10, 9);
    expect(b.maxY).toBeCloseTo(90, 9);
    expect(geometryBounds(donut)).toEqual({ minX: 0, minY: 0, maxX: 100, maxY: 100 });
  });
});

describe('shapes', () => {
  it('turns an ellipse into a polygon whose vertices lie on it, finer for larger ellipses', () => {
    const e: EllipseGeometry = { type: 'ellipse', cx: 500, cy: 300, rx: 200, ry: 80, rotation: 0.4 };
    const ring = ellipseRing(e);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const [x, y] of ring) expect(ellipseRadius(e, x, y)).toBeCloseTo(1, 12);
    expect(ellipseRing({ ...e, rx: 5000, ry: 5000 }).length).toBeGreaterThan(ring.length);
    // The polygon's area is within a fraction of a percent of the true ellipse.
    expect(geometryArea({ type: 'polygon', rings: [ring] }) / geometryArea(e)).toBeGreaterThan(0.998);
    expect(ringMatchesEllipse(ring, e)).toBe(true);
    expect(ringMatchesEllipse(ring, { ...e, rx: 210 })).toBe(false);
  });

  it('recognises an axis-aligned rectangle ring and nothing else', () => {
    expect(ringAsRectangle(closeRing([[10, 20], [50, 20], [50, 60], [10, 60]]))).toEqual({ type: 'rectangle', x: 10, y: 20, width: 40, height: 40 });
    expect(ringAsRectangle(closeRing([[10, 20], [50, 60], [50, 20], [10, 60]]))).toBeNull();
    expect(ringAsRectangle(closeRing([[10, 20], [50, 21], [50, 60], [10, 60]]))).toBeNull();
    expect(rectangleFromCorners([50, 60], [10, 20])).toEqual({ type: 'rectangle', x: 10, y: 20, width: 40, height: 40 });
  });

  it('picks: inside an area is distance 0, holes are outside, lines and points by distance', () => {
    expect(distanceToGeometry(donut, 10, 10)).toBe(0);
    expect(distanceToGeometry(donut, 50, 50)).toBe(25);
    expect(distanceToGeometry(donut, 110, 50)).toBe(10);
    expect(distanceToGeometry({ type: 'line', points: [[0, 0], [10, 0]] }, 5, 3)).toBe(3);
    expect(distanceToGeometry({ type: 'point', x: 3, y: 4 }, 0, 0)).toBe(5);
    expect(distanceToGeometry({ type: 'ellipse', cx: 0, cy: 0, rx: 10, ry: 5, rotation: 0 }, 9, 0)).toBe(0);
    expect(distanceToGeometry({ type: 'ellipse', cx: 0, cy: 0, rx: 10, ry: 5, rotation: 0 }, 0, 8)).toBeCloseTo(3, 1);
  });

  it('moves every kind of geometry', () => {
    expect(translateGeometry({ type: 'rectangle', x: 1, y: 2, width: 3, height: 4 }, 10, 20)).toEqual({ type: 'rectangle', x: 11, y: 22, width: 3, height: 4 });
    const moved = translateGeometry(donut, -5, 5);
    expect(geometryBounds(moved)).toEqual({ minX: -5, minY: 5, maxX: 95, maxY: 105 });
    expect(geometryArea(moved)).toBe(geometryArea(donut));
  });

  it('gives the recorder a geometry its event schema accepts', () => {
    expect(toRecordedGeometry({ type: 'rectangle', x: 1, y: 2, width: 3, height: 4 })).toEqual({ kind: 'rect', x0: 1, y0: 2, x1: 4, y1: 6 });
    expect(toRecordedGeometry(donut)).toEqual({ kind: 'polygon', points: [[0, 0], [100, 0], [100, 100], [0, 100]], holes: [[[25, 25], [25, 75], [75, 75], [75, 25]]] });
    expect(toRecordedGeometry({ type: 'line', points: [[0, 0], [10, 0]] })).toEqual({ kind: 'line', points: [[0, 0], [10, 0]] });
  });
});
