/** Settings of the energy-threshold detector (the fallback when no VAD model can run). */
export interface EnergyVadSettings {
  /** Window level (dBFS, RMS) at which the pseudo-probability crosses 0.5. */
  thresholdDb: number;
  /** dB over which the pseudo-probability goes from ~0.27 to ~0.73 (softness of the step). */
  softnessDb: number;
}

export const DEFAULT_ENERGY_VAD: Readonly<EnergyVadSettings> = Object.freeze({ thresholdDb: -40, softnessDb: 3 });

/**
 * A speech pseudo-probability per window from its RMS level: a logistic step around `thresholdDb`.
 * It feeds the same segment rules as the model's probabilities, so the two are interchangeable.
 */
export function energyProbabilities(samples: Float32Array, windowSamples: number, s: EnergyVadSettings = DEFAULT_ENERGY_VAD): Float32Array {
  const n = Math.ceil(samples.length / windowSamples);
  const out = new Float32Array(n);
  for (let w = 0; w < n; w++) {
    const a = w * windowSamples;
    const b = Math.min(samples.length, a + windowSamples);
    let sum = 0;
    for (let i = a; i < b; i++) sum += samples[i] * samples[i];
    const rms = Math.sqrt(sum / Math.max(1, b - a));
    const db = 20 * Math.log10(rms + 1e-10);
    out[w] = 1 / (1 + Math.exp(-(db - s.thresholdDb) / s.softnessDb));
  }
  return out;
}
