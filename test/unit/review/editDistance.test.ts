import { describe, expect, it } from 'vitest';
import { editDistance, normalisedEditDistance } from '../../../shared/review/editDistance';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('Dense nuclei.', 'Dense atypical nuclei.')).toBe(9);
  });

  it('is symmetric and counts a character outside the basic plane as one', () => {
    expect(editDistance('sitting', 'kitten')).toBe(editDistance('kitten', 'sitting'));
    expect(editDistance('40×', '40x')).toBe(1);
    expect(editDistance('a😀b', 'ab')).toBe(1);
  });

  it('handles long texts with a small change quickly', () => {
    const base = 'The region shows dense haematoxylin staining. '.repeat(200);
    const changed = base.slice(0, 4000) + 'X' + base.slice(4001);
    const t0 = performance.now();
    expect(editDistance(base, changed)).toBe(1);
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('normalises by the longer text', () => {
    expect(normalisedEditDistance('', '')).toBe(0);
    expect(normalisedEditDistance('abcd', '')).toBe(1);
    expect(normalisedEditDistance('abcd', 'abce')).toBe(0.25);
  });
});
