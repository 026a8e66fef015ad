/** Min/max of the signal per time bucket: what a waveform under the timeline draws. */
export interface WaveformPeaks {
  sampleRate: number;
  /** Samples per bucket. */
  bucketSize: number;
  /** Milliseconds per bucket (bucketSize / sampleRate). */
  bucketMs: number;
  min: Float32Array;
  max: Float32Array;
}

/** Accumulates peaks over audio that arrives in chunks of any length. */
export class PeakAccumulator {
  private mins: number[] = [];
  private maxs: number[] = [];
  private curMin = Infinity;
  private curMax = -Infinity;
  private inBucket = 0;

  constructor(
    readonly sampleRate: number,
    readonly bucketSize: number,
  ) {
    if (!(bucketSize >= 1) || !Number.isInteger(bucketSize)) throw new Error(`bucket size must be a positive integer, got ${bucketSize}`);
  }

  push(samples: Float32Array): void {
    let lo = this.curMin;
    let hi = this.curMax;
    let n = this.inBucket;
    for (let i = 0; i < samples.length; i++) {
      const v = samples[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      if (++n === this.bucketSize) {
        this.mins.push(lo);
        this.maxs.push(hi);
        lo = Infinity;
        hi = -Infinity;
        n = 0;
      }
    }
    this.curMin = lo;
    this.curMax = hi;
    this.inBucket = n;
  }

  finish(): WaveformPeaks {
    if (this.inBucket > 0) {
      this.mins.push(this.curMin);
      this.maxs.push(this.curMax);
      this.inBucket = 0;
      this.curMin = Infinity;
      this.curMax = -Infinity;
    }
    return {
      sampleRate: this.sampleRate,
      bucketSize: this.bucketSize,
      bucketMs: (this.bucketSize / this.sampleRate) * 1000,
      min: Float32Array.from(this.mins),
      max: Float32Array.from(this.maxs),
    };
  }
}

export function computePeaks(samples: Float32Array, sampleRate: number, bucketSize: number): WaveformPeaks {
  const acc = new PeakAccumulator(sampleRate, bucketSize);
  acc.push(samples);
  return acc.finish();
}

/** Coarser peaks for a zoomed-out timeline: each output bucket covers `factor` input buckets. */
export function downsamplePeaks(p: WaveformPeaks, factor: number): WaveformPeaks {
  if (!(factor >= 1) || !Number.isInteger(factor)) throw new Error(`factor must be a positive integer, got ${factor}`);
  const n = Math.ceil(p.min.length / factor);
  const min = new Float32Array(n);
  const max = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = i * factor; j < Math.min(p.min.length, (i + 1) * factor); j++) {
      if (p.min[j] < lo) lo = p.min[j];
      if (p.max[j] > hi) hi = p.max[j];
    }
    min[i] = lo;
    max[i] = hi;
  }
  return { sampleRate: p.sampleRate, bucketSize: p.bucketSize * factor, bucketMs: p.bucketMs * factor, min, max };
}
