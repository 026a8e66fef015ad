import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreError } from '../../errors';

export interface TensorSpec {
  name: string;
  dtype: string;
  shape: (number | string)[];
}

export interface VadModelCard {
  id: string;
  task: string;
  source: { package: string; version: string; file: string };
  licence: string;
  sha256: string;
  sampleRate: number;
  windowSamples: number;
  contextSamples: number;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

export interface ResolvedVadModel {
  card: VadModelCard;
  cardPath: string;
  modelPath: string;
}

export const DEFAULT_CARD_PATH = fileURLToPath(new URL('../../../../models/silero-vad/card.json', import.meta.url));

export function readVadCard(cardPath: string): VadModelCard {
  if (!existsSync(cardPath)) throw new CoreError('UNAVAILABLE', `The VAD model card ${cardPath} is missing.`);
  let card: VadModelCard;
  try {
    card = JSON.parse(readFileSync(cardPath, 'utf8')) as VadModelCard;
  } catch (e) {
    throw new CoreError('CORRUPT_FILE', `The VAD model card ${cardPath} is not valid JSON: ${(e as Error).message}`);
  }
  const missing = ['task', 'sha256', 'sampleRate', 'windowSamples', 'contextSamples', 'inputs', 'outputs', 'source'].filter(
    (k) => (card as unknown as Record<string, unknown>)[k] === undefined,
  );
  if (missing.length) throw new CoreError('CORRUPT_FILE', `The VAD model card ${cardPath} lacks ${missing.join(', ')}.`);
  if (card.task !== 'voice-activity-detection') throw new CoreError('UNSUPPORTED_FILE', `The model card ${cardPath} is for "${card.task}", not voice-activity-detection.`);
  return card;
}

/** The model file of the card's npm package, from node_modules (nothing is downloaded). */
export function resolveVadModel(cardPath = DEFAULT_CARD_PATH, modelPathOverride?: string): ResolvedVadModel {
  const card = readVadCard(cardPath);
  if (modelPathOverride) return { card, cardPath, modelPath: modelPathOverride };
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve(card.source.package));
  } catch {
    throw new CoreError('UNAVAILABLE', `The VAD model package ${card.source.package} is not installed (run npm install).`);
  }
  const modelPath = join(pkgDir, card.source.file);
  if (!existsSync(modelPath)) throw new CoreError('UNAVAILABLE', `The VAD model file ${modelPath} is missing from ${card.source.package}.`);
  return { card, cardPath, modelPath };
}

/** The file must be the very one the card describes. */
export function verifyModelFile(model: ResolvedVadModel): Buffer {
  const bytes = readFileSync(model.modelPath);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== model.card.sha256) {
    throw new CoreError(
      'CORRUPT_FILE',
      `The VAD model ${model.modelPath} does not match its card ${model.cardPath}: sha256 ${sha} instead of ${model.card.sha256}. Reinstall ${model.card.source.package}@${model.card.source.version}.`,
    );
  }
  return bytes;
}

/** The session's input and output names must be the card's, in order. */
export function checkModelSignature(card: VadModelCard, inputNames: readonly string[], outputNames: readonly string[]): string | null {
  const want = (specs: TensorSpec[]) => specs.map((s) => s.name).join(', ');
  if (want(card.inputs) !== inputNames.join(', ') || want(card.outputs) !== outputNames.join(', ')) {
    return `The VAD model has inputs [${inputNames.join(', ')}] and outputs [${outputNames.join(', ')}]; its card expects [${want(card.inputs)}] and [${want(card.outputs)}].`;
  }
  return null;
}
