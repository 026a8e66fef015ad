import { describe, expect, it } from 'vitest';
import { equivalentMagnification, micronsPerScreenPixel, objectiveFromMpp, zoomForMagnification } from '../../../shared/slides/magnification';

describe('equivalent magnification', () => {
  it('is objective power × zoom when the objective is known', () => {
    expect(equivalentMagnification(1, { objectivePower: 40, mpp: 0.25 })).toBe(40);
    expect(equivalentMagnification(0.25, { objectivePower: 40, mpp: 0.25 })).toBe(10);
    expect(equivalentMagnification(0.5, { objectivePower: 20, mpp: null })).toBe(10);
  });

  it('is 10 / (mpp / zoom) from MPP alone: 0.25 µm/px at zoom 1 reads 40×', () => {
    expect(equivalentMagnification(1, { objectivePower: null, mpp: 0.25 })).toBeCloseTo(40);
    expect(equivalentMagnification(0.25, { objectivePower: null, mpp: 0.25 })).toBeCloseTo(10);
    expect(equivalentMagnification(1, { objectivePower: null, mpp: 0.5 })).toBeCloseTo(20);
  });

  it('is unknown without optics or with a nonsense zoom', () => {
    expect(equivalentMagnification(1, { objectivePower: null, mpp: null })).toBeNull();
    expect(equivalentMagnification(0, { objectivePower: 40, mpp: null })).toBeNull();
    expect(equivalentMagnification(Number.NaN, { objectivePower: 40, mpp: null })).toBeNull();
  });

  it('zoomForMagnification inverts it (the 10× and 40× hotkeys)', () => {
    for (const optics of [
      { objectivePower: 20, mpp: 0.5 },
      { objectivePower: null, mpp: 0.252 },
    ]) {
      for (const m of [1.25, 10, 40]) {
        const z = zoomForMagnification(m, optics)!;
        expect(equivalentMagnification(z, optics)).toBeCloseTo(m, 9);
      }
    }
    expect(zoomForMagnification(10, { objectivePower: null, mpp: null })).toBeNull();
  });

  it('gives microns per screen pixel for a scale bar, and the objective implied by MPP', () => {
    expect(micronsPerScreenPixel(0.5, 0.25)).toBeCloseTo(0.5);
    expect(micronsPerScreenPixel(1, null)).toBeNull();
    expect(objectiveFromMpp(0.25)).toBeCloseTo(40);
    expect(objectiveFromMpp(0.5)).toBeCloseTo(20);
  });
});
