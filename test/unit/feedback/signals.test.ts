import { describe, expect, it } from 'vitest';
import { energyProbabilities } from '../../../shared/feedback/energyVad';
import { frameDifference, motionChange, motionEnergy } from '../../../shared/feedback/motionEnergy';
import { DEFAULT_VAD_SETTINGS, speechSegments } from '../../../shared/feedback/speechSegments';
import { computePeaks, downsamplePeaks, PeakAccumulator } from '../../../shared/feedback/waveformPeaks';

/** Probabilities per 32 ms window from [startMs, endMs, p] runs (0 elsewhere). */
function probs(totalMs: number, runs: [number, number, number][]): Float32Array {
  const out = new Float32Array(Math.ceil(totalMs / 32));
  for (const [a, b, p] of runs) for (let i = Math.floor(a / 32); i < Math.ceil(b / 32); i++) out[i] = p;
  return out;
}

describe('speechSegments (the VAD rules)', () => {
  const s = { ...DEFAULT_VAD_SETTINGS, padMs: 0 };

  it('keeps a pause shorter than the minimum silence inside one segment and splits at a longer one', () => {
    const p = probs(12000, [[1024, 3008, 0.9], [3328, 5024, 0.9], [7456, 10016, 0.8]]);
    const seg = speechSegments(p, 32, 12000, s);
    expect(seg.map((x) => [x.start, x.end])).toEqual([[1024, 5024], [7456, 10016]]);
    expect(seg[1].p).toBeCloseTo(0.8, 3);
    expect(speechSegments(p, 32, 12000, { ...s, minSilenceMs: 200 })).toHaveLength(3);
  });

  it('drops speech shorter than the minimum, uses hysteresis, and pads without overlapping neighbours', () => {
    const blip = probs(4000, [[1024, 1184, 0.95]]);
    expect(speechSegments(blip, 32, 4000, s)).toEqual([]);
    expect(speechSegments(blip, 32, 4000, { ...s, minSpeechMs: 100 })).toHaveLength(1);
    // 0.4 is below the threshold but above the negative threshold (0.35): speech continues through it.
    const dip = probs(6000, [[1024, 2016, 0.9], [2016, 3008, 0.4], [3008, 4000, 0.9]]);
    expect(speechSegments(dip, 32, 6000, s).map((x) => [x.start, x.end])).toEqual([[1024, 4000]]);
    const near = probs(6000, [[992, 2016, 0.9], [2848, 4000, 0.9]]);
    const padded = speechSegments(near, 32, 6000, { ...s, padMs: 500 });
    // The 832 ms gap is less than twice the padding: the neighbours meet in its middle.
    expect(padded.map((x) => [x.start, x.end])).toEqual([[492, 2432], [2432, 4500]]);
    const atEdges = speechSegments(probs(2000, [[0, 2000, 0.9]]), 32, 2000, { ...s, padMs: 300 });
    expect(atEdges.map((x) => [x.start, x.end])).toEqual([[0, 2000]]);
  });

  it('rejects impossible settings', () => {
    expect(() => speechSegments(new Float32Array(4), 32, 128, { ...s, threshold: 1.2 })).toThrow(/threshold must be between 0 and 1/);
    expect(() => speechSegments(new Float32Array(4), 32, 128, { ...s, padMs: -1 })).toThrow(/padMs/);
  });
});

describe('energy VAD (fallback)', () => {
  it('gives speech-like windows a high pseudo-probability and silence a low one', () => {
    const x = new Float32Array(16000);
    for (let i = 8000; i < 16000; i++) x[i] = 0.1 * Math.sin(i / 5);
    const p = energyProbabilities(x, 512);
    expect(p[0]).toBeLessThan(0.01);
    expect(p[20]).toBeGreaterThan(0.99);
    expect(speechSegments(p, 32, 1000, { ...DEFAULT_VAD_SETTINGS, padMs: 0 }).map((s) => s.start)).toEqual([480]);
  });
});

describe('waveform peaks', () => {
  it('gives min and max per bucket, the same whether audio comes whole or in odd chunks', () => {
    const x = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 10) * (i < 500 ? 0.1 : 0.9));
    const whole = computePeaks(x, 1000, 100);
    expect(whole.min.length).toBe(10);
    expect(whole.bucketMs).toBe(100);
    expect(whole.max[0]).toBeCloseTo(0.1, 2);
    expect(whole.max[9]).toBeCloseTo(0.9, 2);
    const acc = new PeakAccumulator(1000, 100);
    for (let i = 0; i < 1000; i += 37) acc.push(x.subarray(i, Math.min(1000, i + 37)));
    expect(acc.finish()).toEqual(whole);
    const coarse = downsamplePeaks(whole, 4);
    expect(coarse.min.length).toBe(3);
    expect(coarse.max[2]).toBe(Math.max(whole.max[8], whole.max[9]));
  });
});

describe('motion energy', () => {
  it('is the mean absolute frame difference, 0 for a still picture', () => {
    const a = new Uint8Array([0, 0, 255, 255]);
    const b = new Uint8Array([255, 0, 255, 0]);
    expect(frameDifference(a, b)).toBe(0.5);
    expect(motionEnergy([a, a, a])).toBe(0);
    expect(motionEnergy([a, b, a])).toBe(0.5);
    expect(motionEnergy([a])).toBe(0);
    expect(() => frameDifference(a, new Uint8Array(3))).toThrow(/differ in size/);
    const c = motionChange(0.01, 0.05);
    expect(c.delta).toBeCloseTo(0.04, 12);
    expect(c.logRatio).toBeGreaterThan(1);
  });
});
