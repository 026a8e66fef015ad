import { describe, expect, it } from 'vitest';
import { deriveCommands } from '../../../shared/behavior';
import { viewBounds } from '../../../shared/navigation';
import { Stream } from './streams';

// A 10× test view is 4000 × 3200 level-0 px.
describe('rotated views', () => {
  it('viewBounds gives the axis-aligned box of the rotated view rectangle', () => {
    expect(viewBounds(0, 0, 0.25, 0, 1000, 800)).toEqual({ x0: -2000, y0: -1600, x1: 2000, y1: 1600 });
    expect(viewBounds(0, 0, 0.25, 90, 1000, 800)).toEqual({ x0: -1600, y0: -2000, x1: 1600, y1: 2000 });
    expect(viewBounds(0, 0, 0.25, -270, 1000, 800)).toEqual({ x0: -1600, y0: -2000, x1: 1600, y1: 2000 });
    const b = viewBounds(0, 0, 0.25, 30, 1000, 800);
    expect(b.x1).toBeCloseTo((4000 * Math.cos(Math.PI / 6) + 3200 * 0.5) / 2, 9);
    expect(b.y1).toBeCloseTo((4000 * 0.5 + 3200 * Math.cos(Math.PI / 6)) / 2, 9);
  });

  it('a view rotated 90° gets a tall box', () => {
    const s = new Stream().view(0, 50_000, 40_000, 10, 90).end(2000);
    expect(deriveCommands(s.session())).toMatchObject([{ box: [48_400, 38_000, 51_600, 42_000] }]);
  });

  it('a view rotated 45° gets the bounding box of the rotated rectangle, rounded outwards', () => {
    const s = new Stream().view(0, 50_000, 40_000, 10, 45).end(2000);
    const half = 7200 / (2 * Math.SQRT2); // 2545.58…
    expect(deriveCommands(s.session())).toMatchObject([{ box: [Math.floor(50_000 - half), Math.floor(40_000 - half), Math.ceil(50_000 + half), Math.ceil(40_000 + half)] }]);
  });

  it('centre motion is measured against the view rectangle’s own width, whatever the rotation', () => {
    // At 90° the bounding box is only 3200 px wide, but the view is 4000 px wide: a 1800 px nudge (0.45 × 4000) stays a dwell.
    const s = new Stream().view(0, 50_000, 40_000, 10, 90).view(600, 51_800, 40_000, 10, 90).end(1200);
    expect(deriveCommands(s.session())).toMatchObject([{ duration: 1200 }]);
  });
});
