/**
 * Weighted logistic regression with an L2 pull towards prior weights, fitted by Newton's method on standardised
 * features. Deterministic: fixed iteration order, no randomness, plain float64 arithmetic.
 */
export interface LogisticData {
  /** Row-major samples × features. */
  x: Float64Array;
  y: Uint8Array;
  weight: Float64Array;
  features: number;
}

export interface LogisticFit {
  weights: number[];
  bias: number;
  iterations: number;
  /** Mean weighted log-loss on the training samples at the end. */
  loss: number;
}

export interface LogisticOptions {
  /** Strength of the pull towards `prior` (on standardised features). */
  l2: number;
  /** Weights and bias in raw feature units to shrink towards; zeros when absent. */
  prior?: { weights: number[]; bias: number };
  maxIterations: number;
  tolerance: number;
}

/** Solves A·x = b for symmetric positive-definite A (n×n, row-major) by Cholesky. */
function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

export function fitLogistic(data: LogisticData, opts: LogisticOptions): LogisticFit {
  const F = data.features;
  const N = data.y.length;
  if (N === 0) throw new Error('No training samples.');
  const mean = new Float64Array(F);
  const sd = new Float64Array(F);
  let wsum = 0;
  for (let i = 0; i < N; i++) {
    wsum += data.weight[i];
    for (let f = 0; f < F; f++) mean[f] += data.weight[i] * data.x[i * F + f];
  }
  for (let f = 0; f < F; f++) mean[f] /= wsum;
  for (let i = 0; i < N; i++) for (let f = 0; f < F; f++) sd[f] += data.weight[i] * (data.x[i * F + f] - mean[f]) ** 2;
  for (let f = 0; f < F; f++) sd[f] = Math.sqrt(sd[f] / wsum) || 1;

  // Parameters on the standardised scale: beta[0..F-1] weights, beta[F] bias.
  const P = F + 1;
  const prior = new Float64Array(P);
  if (opts.prior) {
    let b = opts.prior.bias;
    for (let f = 0; f < F; f++) {
      prior[f] = opts.prior.weights[f] * sd[f];
      b += opts.prior.weights[f] * mean[f];
    }
    prior[F] = b;
  }
  const beta = Float64Array.from(prior);
  const z = new Float64Array(P);
  /** Weighted log-loss (unpenalised) and the penalised objective at b. */
  const objective = (b: Float64Array): { loss: number; penalised: number } => {
    let l = 0;
    for (let i = 0; i < N; i++) {
      let s = b[F];
      for (let f = 0; f < F; f++) s += b[f] * ((data.x[i * F + f] - mean[f]) / sd[f]);
      const p = 1 / (1 + Math.exp(-s));
      l += data.weight[i] * (data.y[i] ? -Math.log(Math.max(p, 1e-15)) : -Math.log(Math.max(1 - p, 1e-15)));
    }
    let pen = 0;
    for (let a = 0; a < F; a++) pen += (b[a] - prior[a]) ** 2;
    return { loss: l, penalised: l + 0.5 * opts.l2 * wsum * pen };
  };
  let loss = Infinity;
  let it = 0;
  for (; it < opts.maxIterations; it++) {
    const grad = new Float64Array(P);
    const hess = new Float64Array(P * P);
    loss = 0;
    for (let i = 0; i < N; i++) {
      for (let f = 0; f < F; f++) z[f] = (data.x[i * F + f] - mean[f]) / sd[f];
      z[F] = 1;
      let s = 0;
      for (let k = 0; k < P; k++) s += beta[k] * z[k];
      const p = 1 / (1 + Math.exp(-s));
      const w = data.weight[i];
      const yi = data.y[i];
      loss += w * (yi ? -Math.log(Math.max(p, 1e-15)) : -Math.log(Math.max(1 - p, 1e-15)));
      const g = w * (p - yi);
      const hw = w * Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < P; a++) {
        grad[a] += g * z[a];
        const hz = hw * z[a];
        for (let b = 0; b <= a; b++) hess[a * P + b] += hz * z[b];
      }
    }
    for (let a = 0; a < P; a++) for (let b = 0; b < a; b++) hess[b * P + a] = hess[a * P + b];
    // Penalty (not on the bias), scaled to the total sample weight so l2 means the same for any data size.
    let pen = 0;
    for (let a = 0; a < F; a++) {
      grad[a] += opts.l2 * wsum * (beta[a] - prior[a]);
      hess[a * P + a] += opts.l2 * wsum;
      pen += (beta[a] - prior[a]) ** 2;
    }
    const current = loss + 0.5 * opts.l2 * wsum * pen;
    const step = solveSpd(hess, grad, P);
    // A full Newton step, halved while it would raise the objective (a plain Newton step can overshoot and diverge
    // when heavily weighted samples disagree).
    let scale = 1;
    const next = new Float64Array(P);
    for (let tries = 0; ; tries++) {
      for (let a = 0; a < P; a++) next[a] = beta[a] - scale * step[a];
      if (tries === 30 || objective(next).penalised <= current + 1e-9 * Math.abs(current)) break;
      scale /= 2;
    }
    let maxStep = 0;
    for (let a = 0; a < P; a++) {
      maxStep = Math.max(maxStep, Math.abs(scale * step[a]));
      beta[a] = next[a];
    }
    if (maxStep < opts.tolerance) {
      it++;
      break;
    }
  }
  const weights: number[] = [];
  let bias = beta[F];
  for (let f = 0; f < F; f++) {
    weights.push(beta[f] / sd[f]);
    bias -= (beta[f] * mean[f]) / sd[f];
  }
  return { weights, bias, iterations: it, loss: loss / wsum };
}
