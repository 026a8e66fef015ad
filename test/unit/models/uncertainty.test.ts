import { describe, expect, it } from 'vitest';
import { DEFAULT_PASS_POLICY, agreement, assessPasses, nextPassCount, normalisedEntropy } from '../../../shared/models/uncertainty';

describe('uncertainty from repeated passes', () => {
  it('normalised entropy is 1 at a coin toss and near 0 when sure', () => {
    expect(normalisedEntropy(0.5)).toBeCloseTo(1);
    expect(normalisedEntropy(0.99)).toBeLessThan(0.1);
    expect(normalisedEntropy(0.01)).toBeCloseTo(normalisedEntropy(0.99));
    expect(agreement([0.9, 0.8, 0.3, 0.7], 0.5)).toBe(0.75);
  });

  it('stops after the minimum when every pass is clearly positive', () => {
    const a = assessPasses([0.97, 0.95]);
    expect(a).toMatchObject({ clear: true, done: true, abstain: false, positive: true, passes: 2 });
    expect(nextPassCount([0.97, 0.95])).toBe(0);
    expect(nextPassCount([0.97])).toBe(1);
  });

  it('spends more passes while unclear and abstains when the budget runs out', () => {
    const scores = [0.8, 0.45];
    expect(nextPassCount(scores)).toBe(DEFAULT_PASS_POLICY.step);
    const spent = [0.8, 0.45, 0.7, 0.55, 0.6, 0.5, 0.65, 0.6];
    const a = assessPasses(spent);
    expect(a.passes).toBe(DEFAULT_PASS_POLICY.budget);
    expect(a).toMatchObject({ done: true, clear: false, abstain: true });
    expect(nextPassCount(spent)).toBe(0);
  });

  it('is clear about a clearly negative region too (so it is dropped, not abstained)', () => {
    expect(assessPasses([0.03, 0.05])).toMatchObject({ clear: true, positive: false, abstain: false });
  });

  it('never asks past the budget', () => {
    expect(nextPassCount([0.6, 0.4, 0.6, 0.4, 0.6, 0.4, 0.6])).toBe(1);
  });
});
