import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CrossValidationResult } from '../../../shared/feedback/crossValidation';
import { featureDimensions, type EffectivenessFeatureSpec } from '../../../shared/feedback/effectivenessFeatures';
import type { LogisticModel } from '../../../shared/feedback/logistic';
import { GraphBuilder } from '../../../models/onnx-writer/graphBuilder';
import { encodeModel } from '../../../models/onnx-writer/onnx';
import { ModelCard } from '../../../shared/models/card';

/** What the model card format has no fields for: written as effectiveness.json beside card.json and model.onnx. */
export interface EffectivenessDetails {
  features: EffectivenessFeatureSpec;
  /** The trainee response whose presence is the positive class. */
  target: string;
  training: {
    method: string;
    examples: number;
    positives: number;
    seed: number;
    l2: number;
    epochs: number;
    loss: number;
    crossValidation: { k: number; aurocMean: number; aurocSd: number; folds: number[]; pooled: number } | null;
  };
  /** Predictions within this margin of 0.5 are shown as "unclear" (abstention). */
  abstainMargin: number;
}

/** Logistic regression as ONNX (opset 13): p = sigmoid(features · w + b). */
export function effectivenessOnnx(model: LogisticModel, version = '1.0.0'): Uint8Array {
  const d = model.dimensions;
  const b = new GraphBuilder('feedback-effectiveness');
  const x = b.input({ name: 'features', dtype: 'float32', shape: ['batch', d], doc: 'Hashed word n-grams of the transcript, then the dense features (see the card).' });
  const w = b.constant('weights', [d, 1], model.weights);
  const bias = b.constant('bias', [1], [model.bias]);
  const z = b.op('Add', [b.op('MatMul', [x, w]), bias]);
  b.op('Sigmoid', [z], undefined, 'p');
  b.output({ name: 'p', dtype: 'float32', shape: ['batch', 1], doc: 'Probability that the feedback is followed by a behavioural adjustment.' });
  return encodeModel({
    irVersion: 8,
    opsetVersion: 13,
    producerName: 'sightline',
    producerVersion: version,
    modelVersion: 1,
    doc: 'Feedback effectiveness: logistic regression over transcript n-grams and motion change.',
    metadata: { name: 'feedback-effectiveness', version },
    graph: b.graph('Probability that a feedback instance is followed by a behavioural adjustment.'),
  });
}

export interface EffectivenessExport {
  model: LogisticModel;
  features: EffectivenessFeatureSpec;
  labels: readonly number[];
  cv: CrossValidationResult | null;
  target: string;
  version?: string;
  abstainMargin?: number;
  created?: string;
}

/** Writes model.onnx, card.json (the app's model card format) and effectiveness.json into `dir`. */
export function writeEffectivenessModel(dir: string, e: EffectivenessExport): { card: ModelCard; details: EffectivenessDetails } {
  const dims = featureDimensions(e.features);
  if (dims !== e.model.dimensions) throw new Error(`the model has ${e.model.dimensions} weights but the feature spec gives ${dims}`);
  const version = e.version ?? '1.0.0';
  const bytes = effectivenessOnnx(e.model, version);
  const cv = e.cv ? { k: e.cv.k, aurocMean: e.cv.mean, aurocSd: e.cv.sd, folds: e.cv.folds.map((f) => f.auroc), pooled: e.cv.pooled } : null;
  const details: EffectivenessDetails = {
    features: e.features,
    target: e.target,
    training: {
      method: 'logistic regression, batch gradient descent, L2, classes weighted by inverse frequency',
      examples: e.labels.length,
      positives: e.labels.filter((v) => v === 1).length,
      seed: e.model.options.seed,
      l2: e.model.options.l2,
      epochs: e.model.epochs,
      loss: e.model.loss,
      crossValidation: cv,
    },
    abstainMargin: e.abstainMargin ?? 0.15,
  };
  const cvWords = cv ? ` ${cv.k}-fold cross-validated AUROC ${cv.aurocMean.toFixed(3)} ± ${cv.aurocSd.toFixed(3)} on ${e.labels.length} instances.` : '';
  const card = ModelCard.parse({
    name: 'feedback-effectiveness',
    task: 'classification',
    version,
    description: `Predicts whether a trainer's feedback is followed by a behavioural adjustment of the trainee ("${e.target}"), from the transcript (hashed word n-grams) and the change in video motion around the instance; trained in Sightline from the project's labelled instances.${cvWords}`,
    file: 'model.onnx',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    inputs: [{ name: 'features', dtype: 'float32', shape: ['batch', dims], description: 'Hashed word n-grams of the transcript, then the dense features (effectiveness.json).' }],
    outputs: [{ name: 'p', dtype: 'float32', shape: ['batch', 1], description: 'Probability of a behavioural adjustment.' }],
    preprocessing: {
      notes: `Featurise with shared/feedback/effectivenessFeatures.ts and the spec in effectiveness.json (${e.features.text.dimensions} hashed dimensions, n-grams ${e.features.text.ngrams.join(', ')}, then ${e.features.dense.map((d) => `${d.name} × ${d.scale}`).join(', ')}); abstain within ${details.abstainMargin} of 0.5.`,
    },
    licence: "Trained on the project's own annotations; same terms as the project's data.",
    created: e.created ?? new Date().toISOString().slice(0, 10),
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.onnx'), bytes);
  writeFileSync(join(dir, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
  writeFileSync(join(dir, 'effectiveness.json'), `${JSON.stringify(details, null, 2)}\n`);
  return { card, details };
}
