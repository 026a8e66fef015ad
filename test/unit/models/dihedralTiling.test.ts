import { describe, expect, it } from 'vitest';
import { DIHEDRAL_COUNT, dihedralPoint, transformSquare, untransformSquareMap } from '../../../shared/models/dihedral';
import { planSpans } from '../../../shared/models/tiling';

describe('dihedral transforms', () => {
  it('are eight distinct symmetries, each undone by untransform', () => {
    const n = 4;
    const img = Uint8Array.from({ length: n * n }, (_, i) => i);
    const seen = new Set<string>();
    for (let k = 0; k < DIHEDRAL_COUNT; k++) {
      const t = transformSquare(img, n, 1, k);
      seen.add(Array.from(t).join(','));
      const back = untransformSquareMap(Float32Array.from(t), n, k);
      expect(Array.from(back)).toEqual(Array.from(img));
    }
    expect(seen.size).toBe(8);
  });

  it('k = 1 is a clockwise quarter turn; k = 4 a left–right mirror', () => {
    expect(dihedralPoint(1, 0, 0, 10)).toEqual([9, 0]);
    expect(dihedralPoint(4, 0, 3, 10)).toEqual([9, 3]);
  });
});

describe('tiling', () => {
  it('covers every cell exactly once with trusted ranges, crops of one size', () => {
    for (const length of [640, 1024, 3120, 4000]) {
      const spans = planSpans(length, 1024, 72, 8);
      const cover = new Array(length / 8).fill(0);
      for (const s of spans) {
        expect(s.start % 8).toBe(0);
        expect(s.start + s.length).toBeLessThanOrEqual(length);
        for (let c = s.cellFrom; c < s.cellTo; c++) cover[c]++;
        if (s.cellFrom > 0) expect(s.cellFrom * 8 - s.start).toBeGreaterThanOrEqual(72);
        if (s.cellTo < length / 8) expect(s.start + s.length - s.cellTo * 8).toBeGreaterThanOrEqual(72);
      }
      expect(cover.every((n) => n >= 1)).toBe(true);
      expect(new Set(spans.map((s) => s.length)).size).toBe(1);
    }
  });

  it('refuses crops that leave no trusted middle', () => {
    expect(() => planSpans(800, 144, 72, 8)).toThrow(/larger than twice the margin/);
  });
});
