import { describe, expect, it } from 'vitest';
import { composeImpression, composeRegion, type RegionFacts } from '../../../shared/review/compose';
import { fieldsFor } from '../../../shared/review/fields';
import type { StainMeasure } from '../../../shared/review/measure';

const measure = (over: Partial<StainMeasure> = {}): StainMeasure => ({
  tissueFraction: 0.8,
  haematoxylinOd: 0.3,
  dabOd: 0.5,
  dabPositiveFraction: 0.4,
  nuclearDensity: 0.06,
  texture: 0.12,
  ...over,
});

const facts = (over: Partial<RegionFacts> = {}): RegionFacts => ({
  kind: 'inspect',
  source: 'behavior',
  magnification: 10,
  box: [1000, 2000, 3000, 3500],
  sizeUm: { w: 500, h: 375 },
  dwellMs: 6200,
  visits: 2,
  dwellRank: { rank: 1, of: 4, tied: false },
  model: null,
  region: measure(),
  slide: measure({ nuclearDensity: 0.02, dabPositiveFraction: 0.1 }),
  highPower: [],
  ...over,
});

describe('built-in composition', () => {
  it('writes why and findings for an inspect from its measured facts', () => {
    const t = composeRegion(facts());
    expect(Object.keys(t).sort()).toEqual(['findings', 'why']);
    expect(t.why).toContain('Examined at 10× for 6.2 s over 2 visits at [1000, 2000, 3000, 3500]');
    expect(t.why).toContain('most time on the slide');
    expect(t.why).toContain('DAB positivity much higher than the slide overall');
    expect(t.why).not.toContain('nuclear density');
    expect(t.why).toContain('500 × 375 µm');
    expect(t.findings).toContain('About 80% of the field is tissue');
    expect(t.findings).toContain('dense haematoxylin');
    expect(t.findings).toContain('patchy DAB');
  });

  it('adds high-power findings for a paired peek, and a peek alone gets why and high power', () => {
    const withPeek = composeRegion(facts({ highPower: [{ magnification: 40, measure: measure({ dabPositiveFraction: 0.7 }), dwellMs: 2000 }] }));
    expect(withPeek.highPower).toContain('At 40× (2.0 s)');
    expect(withPeek.highPower).toContain('diffuse DAB');
    expect(withPeek.why).toContain('followed up at 40×');
    const tied = composeRegion(facts({ dwellRank: { rank: 1, of: 2, tied: true } }));
    expect(tied.why).not.toContain('most time');
    expect(tied.why).toContain('Among the longest looks');
    const peek = composeRegion(facts({ kind: 'peek', magnification: 40, highPower: [] }));
    expect(Object.keys(peek).sort()).toEqual(['highPower', 'why']);
    expect(peek.why).toContain('Checked at high power at 40×');
    expect(fieldsFor('peek', false)).toEqual(['why', 'highPower']);
    expect(fieldsFor('inspect', true)).toEqual(['why', 'findings', 'highPower']);
  });

  it('says when a model proposed the region and abstained', () => {
    const t = composeRegion(facts({ source: 'model', dwellMs: null, visits: null, dwellRank: null, model: { name: 'roi-proposer', version: '2', score: 0.81, confidence: 0.3, abstain: true } }));
    expect(t.why).toContain('Proposed by roi-proposer 2 with score 0.81, confidence 0.30');
    expect(t.why).toContain('needs an expert');
  });

  it('writes a first impression from the thumbnail and what was looked at', () => {
    const t = composeImpression({ slide: measure({ tissueFraction: 0.35, dabPositiveFraction: 0.02 }), sizeMm: { w: 24.6, h: 16.4 }, inspects: 3, peeks: 1, proposals: 0, totalDwellMs: 28_000, magnifications: [10, 40, 10] });
    expect(t.impression).toContain('24.6 × 16.4 mm');
    expect(t.impression).toContain('partly tissue (35% of the thumbnail)');
    expect(t.impression).toContain('no appreciable DAB');
    expect(t.impression).toContain('3 regions were inspected and 1 checked at high power (10×, 40×), 28 s in all.');
  });
});
