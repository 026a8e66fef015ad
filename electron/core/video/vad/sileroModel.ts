import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signatureMismatches, type ModelCard } from '../../../../shared/models/card';
import { CoreError } from '../../errors';
import { readCard } from '../../models/modelCheck';
import { appModelsDir } from '../../models/modelPaths';

/** What the VAD worker needs to know to feed the model, all read from the card. */
export interface VadModelSpec {
  sampleRate: number;
  windowSamples: number;
  /** Samples of the previous window prepended to each window (input width − window). */
  contextSamples: number;
  stateSize: number;
  inputNames: [string, string, string];
  outputNames: [string, string];
}

export interface ResolvedVadModel {
  card: ModelCard;
  cardPath: string;
  modelPath: string;
  spec: VadModelSpec;
}

export const DEFAULT_CARD_PATH = join(appModelsDir(), 'silero-vad', 'card.json');

function specOf(card: ModelCard, cardPath: string): VadModelSpec {
  const bad = (why: string) => new CoreError('UNSUPPORTED_FILE', `The model card ${cardPath} cannot drive voice activity detection: ${why}.`);
  if (card.task !== 'voice-activity') throw bad(`its task is "${card.task}", not voice-activity`);
  const { sampleRate, windowSamples } = card.preprocessing;
  if (!sampleRate || !windowSamples) throw bad('preprocessing.sampleRate and preprocessing.windowSamples are needed');
  if (card.inputs.length !== 3 || card.outputs.length !== 2) throw bad('a Silero-style model has 3 inputs (audio, state, sample rate) and 2 outputs (probability, state)');
  const width = card.inputs[0].shape[1];
  const stateSize = card.inputs[1].shape[2];
  if (typeof width !== 'number' || width < windowSamples) throw bad('the audio input needs a fixed width of at least one window');
  if (typeof stateSize !== 'number') throw bad('the state input needs a fixed size');
  return {
    sampleRate,
    windowSamples,
    contextSamples: width - windowSamples,
    stateSize,
    inputNames: card.inputs.map((i) => i.name) as VadModelSpec['inputNames'],
    outputNames: card.outputs.map((o) => o.name) as VadModelSpec['outputNames'],
  };
}

/** The card (models/silero-vad/card.json by default) and the model file it names in node_modules; nothing is downloaded. */
export function resolveVadModel(cardPath = DEFAULT_CARD_PATH, modelPathOverride?: string): ResolvedVadModel {
  const { card, modelPath } = readCard(cardPath);
  return { card, cardPath, modelPath: modelPathOverride ?? modelPath, spec: specOf(card, cardPath) };
}

/** The file must be the very one the card describes. */
export function verifyModelFile(model: ResolvedVadModel): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(model.modelPath);
  } catch {
    const from = model.card.source?.package ? ` (it ships in ${model.card.source.package}@${model.card.source.version}; run npm install)` : '';
    throw new CoreError('FILE_NOT_FOUND', `The VAD model file ${model.modelPath} is missing${from}.`);
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== model.card.sha256) {
    throw new CoreError(
      'CORRUPT_FILE',
      `The VAD model ${model.modelPath} does not match its card ${model.cardPath}: sha256 ${sha} instead of ${model.card.sha256}.`,
    );
  }
  return bytes;
}

export interface SessionSignature {
  inputs: { name: string; dtype: string; shape: (number | string)[] }[];
  outputs: { name: string; dtype: string; shape: (number | string)[] }[];
}

/** Problems between the card's inputs/outputs and the loaded session's, in words; null when they agree. */
export function checkModelSignature(card: ModelCard, actual: SessionSignature): string | null {
  const problems = [...signatureMismatches('input', card.inputs, actual.inputs), ...signatureMismatches('output', card.outputs, actual.outputs)];
  return problems.length ? `The VAD model does not match its card: ${problems.join('; ')}.` : null;
}
