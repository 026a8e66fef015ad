import { seededRandom } from './random';
import type { SparseVector } from './textFeatures';

export interface LogisticOptions {
  /** L2 penalty on the weights (not the bias); default 1e-3. */
  l2?: number;
  /** Step size of gradient descent; default 1. */
  learningRate?: number;
  /** Full passes over the data; default 300. */
  epochs?: number;
  /** Stop when the loss improves by less than this; default 1e-7. */
  tolerance?: number;
  /** Seed of the small random initial weights; default 1. */
  seed?: number;
  /** Weigh classes inversely to their frequency (default true), so a rare outcome is not ignored. */
  balanced?: boolean;
}

export interface LogisticModel {
  kind: 'logistic-regression';
  dimensions: number;
  weights: number[];
  bias: number;
  /** Mean training loss (weighted log loss + penalty) at the end. */
  loss: number;
  epochs: number;
  options: Required<LogisticOptions>;
}

const DEFAULTS: Required<LogisticOptions> = { l2: 1e-3, learningRate: 1, epochs: 300, tolerance: 1e-7, seed: 1, balanced: true };

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function dot(w: Float64Array | number[], x: SparseVector): number {
  let s = 0;
  for (let k = 0; k < x.indices.length; k++) s += w[x.indices[k]] * x.values[k];
  return s;
}

/** Logistic regression by batch gradient descent with an L2 penalty; deterministic for a given seed. */
export function trainLogistic(x: readonly SparseVector[], y: readonly number[], dimensions: number, options: LogisticOptions = {}): LogisticModel {
  const o = { ...DEFAULTS, ...options };
  if (x.length !== y.length) throw new Error(`${x.length} feature vectors but ${y.length} labels`);
  if (x.length === 0) throw new Error('no training examples');
  for (const v of x) for (const i of v.indices) if (i < 0 || i >= dimensions) throw new Error(`feature index ${i} outside 0..${dimensions - 1}`);
  const n = x.length;
  const pos = y.filter((v) => v === 1).length;
  const wPos = o.balanced && pos > 0 && pos < n ? n / (2 * pos) : 1;
  const wNeg = o.balanced && pos > 0 && pos < n ? n / (2 * (n - pos)) : 1;
  const rnd = seededRandom(o.seed);
  const w = new Float64Array(dimensions);
  for (let i = 0; i < dimensions; i++) w[i] = (rnd() - 0.5) * 0.02;
  let b = 0;
  const grad = new Float64Array(dimensions);
  let prevLoss = Infinity;
  let loss = Infinity;
  let epoch = 0;
  for (; epoch < o.epochs; epoch++) {
    grad.fill(0);
    let gb = 0;
    loss = 0;
    for (let s = 0; s < n; s++) {
      const p = sigmoid(dot(w, x[s]) + b);
      const cw = y[s] === 1 ? wPos : wNeg;
      const err = cw * (p - y[s]);
      loss -= cw * (y[s] === 1 ? Math.log(Math.max(p, 1e-15)) : Math.log(Math.max(1 - p, 1e-15)));
      const v = x[s];
      for (let k = 0; k < v.indices.length; k++) grad[v.indices[k]] += err * v.values[k];
      gb += err;
    }
    let penalty = 0;
    for (let i = 0; i < dimensions; i++) penalty += w[i] * w[i];
    loss = loss / n + (o.l2 / 2) * penalty;
    for (let i = 0; i < dimensions; i++) w[i] -= o.learningRate * (grad[i] / n + o.l2 * w[i]);
    b -= o.learningRate * (gb / n);
    if (Math.abs(prevLoss - loss) < o.tolerance) break;
    prevLoss = loss;
  }
  return { kind: 'logistic-regression', dimensions, weights: Array.from(w), bias: b, loss, epochs: Math.min(epoch + 1, o.epochs), options: o };
}

export function predictProba(model: LogisticModel, x: SparseVector): number {
  return sigmoid(dot(model.weights, x) + model.bias);
}

export interface Decision {
  /** 1 or 0, or null when the model abstains. */
  label: 1 | 0 | null;
  p: number;
  /** |p − 0.5| × 2: 0 at a coin flip, 1 when certain. */
  confidence: number;
}

/** Abstains when the probability lies within `margin` of 0.5 (default 0.15: between 0.35 and 0.65). */
export function decide(p: number, margin = 0.15): Decision {
  const confidence = Math.abs(p - 0.5) * 2;
  return { label: Math.abs(p - 0.5) < margin ? null : p >= 0.5 ? 1 : 0, p, confidence };
}
