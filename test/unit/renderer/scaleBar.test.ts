import { describe, expect, it } from 'vitest';
import { scaleBarFor } from '../../../renderer/src/features/slides/scaleBar';

describe('scale bar', () => {
  it('picks a round length near the target width', () => {
    // 40× on a 0.25 µm/px slide: zoom 1, 0.25 µm per screen pixel → 120 px ≈ 30 µm → 20 µm? 50? nearest is 20 (80 px) vs 50 (200 px): 20.
    expect(scaleBarFor(0.25)).toEqual({ px: 80, label: '20 µm' });
    // 10×: 1 µm per screen pixel → 100 µm over 100 px.
    expect(scaleBarFor(1)).toEqual({ px: 100, label: '100 µm' });
    // 1.25×: 8 µm/px → 960 µm target → 1 mm.
    expect(scaleBarFor(8)).toEqual({ px: 125, label: '1 mm' });
  });

  it('has no bar without a valid scale', () => {
    expect(scaleBarFor(0)).toBeNull();
    expect(scaleBarFor(Number.NaN)).toBeNull();
  });
});
