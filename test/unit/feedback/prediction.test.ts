import { describe, expect, it } from 'vitest';
import { auroc, crossValidate, stratifiedFolds } from '../../../shared/feedback/crossValidation';
import { decide, predictProba, trainLogistic } from '../../../shared/feedback/logistic';
import { fnv1a, hashedNgrams, tokenize, withDense } from '../../../shared/feedback/textFeatures';
import { syntheticInstances } from './syntheticInstances';

const DIM = 1024;
const featurise = (t: string, motion: number) => withDense(hashedNgrams(t, { dimensions: DIM }), DIM, [motion * 20]);

describe('hashed word n-grams', () => {
  it('tokenises, hashes unigrams and bigrams into fixed buckets, and normalises', () => {
    expect(tokenize("Don't cut — the Ureter's THERE!")).toEqual(["don't", 'cut', 'the', "ureter's", 'there']);
    expect(fnv1a('a')).toBe(0xe40c292c);
    const v = hashedNgrams('retract the bowel retract', { dimensions: 64 });
    // 4 unigrams (retract twice) + 3 bigrams, minus collisions.
    expect(v.indices.length).toBeGreaterThanOrEqual(5);
    expect(v.indices.length).toBeLessThanOrEqual(6);
    expect(v.indices.every((i, k) => i >= 0 && i < 64 && (k === 0 || i > v.indices[k - 1]))).toBe(true);
    expect(Math.hypot(...v.values)).toBeCloseTo(1, 12);
    expect(hashedNgrams('Retract, the bowel retract!', { dimensions: 64 })).toEqual(v);
    expect(hashedNgrams('', { dimensions: 64 })).toEqual({ indices: [], values: [] });
  });
});

describe('AUROC', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 for ties, with ties counted half', () => {
    expect(auroc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auroc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auroc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    // Pairs (pos, neg): (0.4 vs 0.1) win, (0.4 vs 0.4) tie, (0.7 vs both) win: (1 + 0.5 + 2) / 4.
    expect(auroc([0.1, 0.4, 0.4, 0.7], [0, 0, 1, 1])).toBe(0.875);
    expect(auroc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe('logistic regression', () => {
  it('learns a separable problem and is deterministic for a seed', () => {
    const data = syntheticInstances(200, 7, true);
    const x = data.map((d) => featurise(d.transcript, d.motionDelta));
    const y = data.map((d) => d.effective);
    const m1 = trainLogistic(x, y, DIM + 1, { seed: 3 });
    const m2 = trainLogistic(x, y, DIM + 1, { seed: 3 });
    expect(m1.weights).toEqual(m2.weights);
    expect(trainLogistic(x, y, DIM + 1, { seed: 4 }).weights).not.toEqual(m1.weights);
    const pDirective = predictProba(m1, featurise('now slow down with the needle', 0.02));
    const pPraise = predictProba(m1, featurise('nice work', 0));
    expect(pDirective).toBeGreaterThan(0.7);
    expect(pPraise).toBeLessThan(0.3);
    expect(() => trainLogistic(x, y.slice(1), DIM + 1)).toThrow(/labels/);
    expect(() => trainLogistic([{ indices: [DIM + 5], values: [1] }], [1], DIM)).toThrow(/outside/);
  });

  it('abstains when the probability is within the margin of 0.5', () => {
    expect(decide(0.55)).toEqual({ label: null, p: 0.55, confidence: expect.closeTo(0.1, 12) });
    expect(decide(0.8)).toMatchObject({ label: 1 });
    expect(decide(0.2)).toMatchObject({ label: 0 });
    expect(decide(0.6, 0.05).label).toBe(1);
  });
});

describe('k-fold cross-validated AUROC', () => {
  it('keeps each class spread over the folds', () => {
    const y = [...Array(10).fill(1), ...Array(30).fill(0)];
    const folds = stratifiedFolds(y, 5, 1);
    for (let f = 0; f < 5; f++) expect(y.filter((v, i) => v === 1 && folds[i] === f)).toHaveLength(2);
  });

  it('is clearly above 0.5 when the labels depend on the features', () => {
    const data = syntheticInstances(300, 11, true);
    const cv = crossValidate(data.map((d) => featurise(d.transcript, d.motionDelta)), data.map((d) => d.effective), DIM + 1, { k: 5 });
    expect(cv.folds).toHaveLength(5);
    expect(cv.mean).toBeGreaterThan(0.75);
    expect(cv.sd).toBeGreaterThan(0);
    expect(cv.sd).toBeLessThan(0.1);
    expect(cv.outOfFold.every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  it('is about 0.5 when the labels are random', () => {
    const data = syntheticInstances(300, 12, false);
    const cv = crossValidate(data.map((d) => featurise(d.transcript, d.motionDelta)), data.map((d) => d.effective), DIM + 1, { k: 5 });
    expect(Math.abs(cv.mean - 0.5)).toBeLessThan(0.1);
    expect(Math.abs(cv.pooled - 0.5)).toBeLessThan(0.1);
  });

  it('refuses too few examples of an outcome', () => {
    expect(() => crossValidate([{ indices: [0], values: [1] }, { indices: [0], values: [1] }, { indices: [0], values: [1] }], [1, 0, 0], 1)).toThrow(/at least 2 examples of each outcome/);
  });
});
