/**
 * Confidence from repeated stochastic passes, and the controller that decides how many passes to spend.
 * Each pass gives the probability that a region is one an expert would look at. The passes' mean p̄ has a
 * normalised binary entropy H(p̄) ∈ [0, 1]; confidence = 1 − H(p̄). Agreement is the share of passes on the
 * majority side of the decision threshold.
 */
export interface PassPolicy {
  /** Decision threshold on the probability. */
  threshold: number;
  /** Passes always spent (including the first, whole-image pass). */
  minPasses: number;
  /** Passes never exceeded. */
  budget: number;
  /** Passes added per round while a region is unclear. */
  step: number;
  /** A region is clear once its confidence reaches this and every pass agrees. */
  clearConfidence: number;
}

export const DEFAULT_PASS_POLICY: PassPolicy = { threshold: 0.5, minPasses: 2, budget: 8, step: 2, clearConfidence: 0.5 };

export interface PassAssessment {
  passes: number;
  mean: number;
  /** Normalised binary entropy of the mean, 0 (certain) … 1 (a coin toss). */
  entropy: number;
  confidence: number;
  agreement: number;
  /** Clear: confident and unanimous. */
  clear: boolean;
  /** Which side of the threshold the mean is on. */
  positive: boolean;
  /** No more passes: clear, or the budget is spent. */
  done: boolean;
  /** The budget is spent and it is still unclear: "abstain — needs an expert". */
  abstain: boolean;
}

export function normalisedEntropy(p: number): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return -(q * Math.log2(q) + (1 - q) * Math.log2(1 - q));
}

export function agreement(scores: number[], threshold: number): number {
  if (scores.length === 0) return 0;
  const above = scores.filter((s) => s >= threshold).length;
  return Math.max(above, scores.length - above) / scores.length;
}

export function assessPasses(scores: number[], policy: PassPolicy = DEFAULT_PASS_POLICY): PassAssessment {
  const passes = scores.length;
  const mean = passes ? scores.reduce((a, b) => a + b, 0) / passes : 0.5;
  const entropy = normalisedEntropy(mean);
  const confidence = 1 - entropy;
  const agree = agreement(scores, policy.threshold);
  const clear = passes >= policy.minPasses && agree === 1 && confidence >= policy.clearConfidence;
  const done = clear || passes >= policy.budget;
  return { passes, mean, entropy, confidence, agreement: agree, clear, positive: mean >= policy.threshold, done, abstain: done && !clear };
}

/** How many more passes to run now for a region with these scores (0 when done). */
export function nextPassCount(scores: number[], policy: PassPolicy = DEFAULT_PASS_POLICY): number {
  const a = assessPasses(scores, policy);
  if (a.done) return 0;
  const want = scores.length < policy.minPasses ? policy.minPasses - scores.length : policy.step;
  return Math.min(want, policy.budget - scores.length);
}
