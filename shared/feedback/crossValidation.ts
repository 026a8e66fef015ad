import { predictProba, trainLogistic, type LogisticOptions } from './logistic';
import { seededRandom, shuffled } from './random';
import type { SparseVector } from './textFeatures';

/** Area under the ROC curve (Mann–Whitney, ties count half); NaN when one class is missing. */
export function auroc(scores: readonly number[], labels: readonly number[]): number {
  if (scores.length !== labels.length) throw new Error(`${scores.length} scores but ${labels.length} labels`);
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[idx[k]] = r;
    i = j + 1;
  }
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) {
      nPos++;
      rankSum += ranks[i];
    }
  }
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Stratified fold number (0..k−1) per example: each fold gets its share of positives and negatives. */
export function stratifiedFolds(labels: readonly number[], k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const fold = new Array<number>(labels.length);
  let next = 0;
  for (const cls of [1, 0]) {
    const members = shuffled(
      labels.map((_, i) => i).filter((i) => (labels[i] === 1) === (cls === 1)),
      random,
    );
    for (const i of members) fold[i] = next++ % k;
  }
  return fold;
}

export interface CrossValidationResult {
  k: number;
  folds: { auroc: number; n: number; positives: number }[];
  /** Mean and sample standard deviation of the folds' AUROC (folds with one class only are left out). */
  mean: number;
  sd: number;
  /** Out-of-fold probability for every example (each predicted by a model that never saw it). */
  outOfFold: number[];
  /** AUROC of the pooled out-of-fold predictions. */
  pooled: number;
}

export interface CrossValidationOptions extends LogisticOptions {
  /** Number of folds (default 5); at most the size of the smaller class. */
  k?: number;
  /** Seed of the fold assignment (default 1). */
  foldSeed?: number;
}

/** k-fold cross-validated AUROC of logistic regression, stratified and seeded. */
export function crossValidate(x: readonly SparseVector[], y: readonly number[], dimensions: number, opts: CrossValidationOptions = {}): CrossValidationResult {
  const pos = y.filter((v) => v === 1).length;
  const smaller = Math.min(pos, y.length - pos);
  if (smaller < 2) throw new Error(`cross-validation needs at least 2 examples of each outcome (have ${pos} positive, ${y.length - pos} negative)`);
  const k = Math.min(opts.k ?? 5, smaller);
  if (k < 2) throw new Error('cross-validation needs k ≥ 2');
  const fold = stratifiedFolds(y, k, opts.foldSeed ?? 1);
  const outOfFold = new Array<number>(y.length).fill(NaN);
  const folds: CrossValidationResult['folds'] = [];
  for (let f = 0; f < k; f++) {
    const train = y.map((_, i) => i).filter((i) => fold[i] !== f);
    const test = y.map((_, i) => i).filter((i) => fold[i] === f);
    const model = trainLogistic(train.map((i) => x[i]), train.map((i) => y[i]), dimensions, opts);
    const scores = test.map((i) => predictProba(model, x[i]));
    test.forEach((i, j) => (outOfFold[i] = scores[j]));
    const labels = test.map((i) => y[i]);
    folds.push({ auroc: auroc(scores, labels), n: test.length, positives: labels.filter((v) => v === 1).length });
  }
  const vals = folds.map((f) => f.auroc).filter((v) => Number.isFinite(v));
  const mean = vals.reduce((s, v) => s + v, 0) / vals.length;
  const sd = vals.length > 1 ? Math.sqrt(vals.reduce((s, v) => s + (v - mean) ** 2, 0) / (vals.length - 1)) : 0;
  return { k, folds, mean, sd, outOfFold, pooled: auroc(outOfFold, y) };
}
