import { describe, expect, it } from 'vitest';
import { fitLogistic } from '../../../shared/models/logistic';
import { mulberry32 } from '../../../shared/models/random';

function data(n: number, seed: number, w: number[], b: number) {
  const rng = mulberry32(seed);
  const F = w.length;
  const x = new Float64Array(n * F);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = b;
    for (let f = 0; f < F; f++) {
      x[i * F + f] = rng() * 4 - 2 + f * 10;
      z += w[f] * x[i * F + f];
    }
    y[i] = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x, y, weight: new Float64Array(n).fill(1), features: F };
}

describe('logistic regression', () => {
  it('recovers the weights that generated the labels', () => {
    const fit = fitLogistic(data(4000, 3, [2, -1], 10), { l2: 0, maxIterations: 50, tolerance: 1e-9 });
    expect(fit.weights[0]).toBeCloseTo(2, 0);
    expect(fit.weights[1]).toBeCloseTo(-1, 0);
    expect(fit.iterations).toBeLessThan(50);
  });

  it('is deterministic', () => {
    const d = data(500, 5, [1, 1], -11);
    expect(fitLogistic(d, { l2: 1e-3, maxIterations: 30, tolerance: 1e-9 })).toEqual(fitLogistic(d, { l2: 1e-3, maxIterations: 30, tolerance: 1e-9 }));
  });

  it('a strong pull keeps the weights at the prior', () => {
    const prior = { weights: [0.5, 0.25], bias: -1 };
    const fit = fitLogistic(data(500, 7, [2, -1], -8), { l2: 1e4, prior, maxIterations: 30, tolerance: 1e-9 });
    expect(fit.weights[0]).toBeCloseTo(0.5, 2);
    expect(fit.weights[1]).toBeCloseTo(0.25, 2);
  });

  it('converges when a few heavily weighted samples contradict the rest (a plain Newton step overshoots there)', () => {
    const rng = mulberry32(1);
    const n = 400;
    const x = new Float64Array(n * 2);
    const y = new Uint8Array(n);
    const weight = new Float64Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      x[i * 2] = rng() * 4 - 2;
      x[i * 2 + 1] = rng();
      y[i] = x[i * 2] > 0.5 ? 1 : 0;
    }
    // Like cells a reviewer rejected: a few negatives deep in positive territory, weighing 200 each.
    for (let i = 0; i < 8; i++) {
      x[i * 2] = 1.8 + rng() * 0.2;
      y[i] = 0;
      weight[i] = 200;
    }
    const fit = fitLogistic({ x, y, weight, features: 2 }, { l2: 1e-3, prior: { weights: [30, 0], bias: -15 }, maxIterations: 50, tolerance: 1e-7 });
    expect(fit.iterations).toBeLessThan(50);
    expect(Math.abs(fit.bias)).toBeLessThan(100);
    expect(fit.loss).toBeLessThan(0.5);
  });

  it('refuses empty data', () => {
    expect(() => fitLogistic({ x: new Float64Array(0), y: new Uint8Array(0), weight: new Float64Array(0), features: 2 }, { l2: 0, maxIterations: 5, tolerance: 1e-6 })).toThrow(/No training samples/);
  });
});
