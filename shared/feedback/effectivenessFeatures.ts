import { hashedNgrams, withDense, type SparseVector } from './textFeatures';

/** How an instance becomes a feature vector: written into the model's card so predictions featurise the same way. */
export interface EffectivenessFeatureSpec {
  text: { method: 'hashed-word-ngrams'; hash: 'fnv1a-32'; dimensions: number; ngrams: number[]; scaling: '1+log(count), signed, L2-normalised' };
  /** Dense features after the hashed ones, each multiplied by its scale. */
  dense: { name: 'motion_delta' | 'motion_log_ratio'; scale: number }[];
}

export const DEFAULT_EFFECTIVENESS_FEATURES: EffectivenessFeatureSpec = {
  text: { method: 'hashed-word-ngrams', hash: 'fnv1a-32', dimensions: 4096, ngrams: [1, 2], scaling: '1+log(count), signed, L2-normalised' },
  dense: [
    { name: 'motion_delta', scale: 20 },
    { name: 'motion_log_ratio', scale: 0.5 },
  ],
};

export function featureDimensions(spec: EffectivenessFeatureSpec): number {
  return spec.text.dimensions + spec.dense.length;
}

export interface EffectivenessInput {
  transcript: string;
  /** From motionAroundInstance; null when the video has no picture (counts as no change). */
  motion: { delta: number; logRatio: number } | null;
}

export function effectivenessFeatures(x: EffectivenessInput, spec: EffectivenessFeatureSpec = DEFAULT_EFFECTIVENESS_FEATURES): SparseVector {
  const text = hashedNgrams(x.transcript, { dimensions: spec.text.dimensions, ngrams: spec.text.ngrams });
  const dense = spec.dense.map((d) => (x.motion ? (d.name === 'motion_delta' ? x.motion.delta : x.motion.logRatio) : 0) * d.scale);
  return withDense(text, spec.text.dimensions, dense);
}

/** The sparse vector as the dense row the ONNX model takes. */
export function denseRow(v: SparseVector, dimensions: number): Float32Array {
  const row = new Float32Array(dimensions);
  for (let k = 0; k < v.indices.length; k++) row[v.indices[k]] += v.values[k];
  return row;
}
