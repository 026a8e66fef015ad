import { describe, expect, it } from 'vitest';
import { apply, boundsOfRect, compose, invert, sameScale, type ViewTransform } from '../../../renderer/src/features/annotations/affine';

/** Level-0 → screen for a view at `scale` CSS px per px, turned by `angle`, with the slide's origin at (e, f). */
const view = (scale: number, angle: number, e: number, f: number): ViewTransform => ({
  a: scale * Math.cos(angle),
  b: scale * Math.sin(angle),
  c: -scale * Math.sin(angle),
  d: scale * Math.cos(angle),
  e,
  f,
  scale,
  angle,
  view: { minX: 0, minY: 0, maxX: 0, maxY: 0 },
});

describe('affine maps for the cached annotation layer', () => {
  it('invert undoes the map, also when the view is rotated', () => {
    const t = view(0.37, Math.PI / 2, 410, -25);
    const [sx, sy] = apply(t, 1200, 800);
    const [x, y] = apply(invert(t), sx, sy);
    expect(x).toBeCloseTo(1200, 9);
    expect(y).toBeCloseTo(800, 9);
  });

  it('a drawing made at one pan is moved (not scaled) into place at another pan of the same zoom', () => {
    const drawnAt = view(0.5, 0.3, 100, 50);
    const now = view(0.5, 0.3, 160, 20);
    const m = compose(now, invert(drawnAt));
    expect(m.a).toBeCloseTo(1, 12);
    expect(m.b).toBeCloseTo(0, 12);
    expect(m.c).toBeCloseTo(0, 12);
    expect(m.d).toBeCloseTo(1, 12);
    expect([m.e, m.f].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([60, -30]);
    expect(sameScale(drawnAt, now)).toBe(true);
  });

  it('after a zoom the drawing is scaled about the right point', () => {
    const drawnAt = view(0.5, 0, 0, 0);
    const now = view(1, 0, -300, -200);
    const m = compose(now, invert(drawnAt));
    // level-0 (1000, 600) was at (500, 300) in the drawing and is now at (700, 400)
    const [x, y] = apply(m, 500, 300);
    expect(x).toBeCloseTo(700, 9);
    expect(y).toBeCloseTo(400, 9);
    expect(sameScale(drawnAt, now)).toBe(false);
    expect(sameScale(drawnAt, view(0.5, 0.01, 0, 0))).toBe(false);
  });

  it('boundsOfRect gives the level-0 region a rotated screen rectangle covers', () => {
    const t = view(2, Math.PI / 2, 100, 0);
    const b = boundsOfRect(invert(t), 200, 100);
    expect(b.minX).toBeCloseTo(0, 9);
    expect(b.maxX).toBeCloseTo(50, 9);
    expect(b.minY).toBeCloseTo(-50, 9);
    expect(b.maxY).toBeCloseTo(50, 9);
  });
});
