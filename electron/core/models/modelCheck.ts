import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { ModelProblem } from '../../../shared/contract/models';
import type { ErrorCode } from '../../../shared/contract';
import { ModelCard, signatureMismatches } from '../../../shared/models/card';
import { CoreError } from '../errors';
import type { ModelRuntime } from './runtime';

export interface CheckedModel {
  card: ModelCard;
  cardPath: string;
  modelPath: string;
}

const CODE: Record<ModelProblem, ErrorCode> = {
  'bad-card': 'CORRUPT_FILE',
  'missing-file': 'FILE_NOT_FOUND',
  'hash-mismatch': 'CORRUPT_FILE',
  'signature-mismatch': 'UNSUPPORTED_FILE',
  unloadable: 'CORRUPT_FILE',
  duplicate: 'CONFLICT',
};

/** A refused model: the error code says what kind of failure, details.reason says exactly which check failed. */
export function refused(reason: ModelProblem, message: string): CoreError {
  return new CoreError(CODE[reason], message, { reason });
}

export function reasonOf(e: unknown): ModelProblem | null {
  const d = (e as { details?: { reason?: ModelProblem } } | null)?.details;
  return d?.reason ?? null;
}

/** Reads and validates a card.json; the model path it names is resolved against the card's folder. */
export function readCard(cardPath: string): { card: ModelCard; modelPath: string } {
  let text: string;
  try {
    text = readFileSync(cardPath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw refused('bad-card', code === 'ENOENT' ? `There is no model card at ${cardPath}.` : `Cannot read the model card ${cardPath} (${code ?? (e as Error).message}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw refused('bad-card', `The model card ${cardPath} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = ModelCard.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    throw refused('bad-card', `The model card ${cardPath} does not follow the card format: ${issues}`);
  }
  return { card: parsed.data, modelPath: modelFilePath(cardPath, parsed.data.file) };
}

/** The model file a card names: relative to the card, or "npm:<package>/<path>" inside an installed package. */
export function modelFilePath(cardPath: string, file: string): string {
  if (!file.startsWith('npm:')) return resolve(dirname(cardPath), file);
  const spec = file.slice(4);
  try {
    return createRequire(cardPath).resolve(spec);
  } catch {
    // Packages with an "exports" map hide their other files from resolve(); look in node_modules folders instead.
    for (let dir = dirname(cardPath); ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', spec);
      if (existsSync(candidate)) return candidate;
      if (dirname(dir) === dir) return resolve(dirname(cardPath), 'node_modules', spec);
    }
  }
}

const hashCache = new Map<string, { size: number; mtimeMs: number; sha256: string }>();

export async function sha256File(path: string): Promise<string> {
  const st = statSync(path);
  const hit = hashCache.get(path);
  if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.sha256;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  hashCache.set(path, { size: st.size, mtimeMs: st.mtimeMs, sha256 });
  return sha256;
}

/**
 * Checks a model against its card: the file is there, its sha256 matches, and ONNX Runtime loads it with
 * exactly the inputs and outputs the card declares (names, element types, ranks, fixed sizes).
 */
export async function checkModel(cardPath: string, runtime: ModelRuntime, modelPathOverride?: string): Promise<CheckedModel> {
  const { card, modelPath: named } = readCard(cardPath);
  const modelPath = modelPathOverride ?? named;
  let isFile = false;
  try {
    isFile = statSync(modelPath).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw refused('missing-file', `Model "${card.name}" ${card.version}: its file ${modelPath} is missing.`);
  const sha256 = await sha256File(modelPath);
  if (sha256 !== card.sha256) {
    throw refused('hash-mismatch', `Model "${card.name}" ${card.version}: ${modelPath} is not the file the card describes (sha256 ${sha256.slice(0, 12)}…, card says ${card.sha256.slice(0, 12)}…).`);
  }
  let sig;
  try {
    sig = await runtime.describe({ path: modelPath, key: sha256 });
  } catch (e) {
    throw refused('unloadable', `Model "${card.name}" ${card.version}: ONNX Runtime cannot load ${modelPath} (${(e as Error).message}).`);
  }
  const problems = [...signatureMismatches('input', card.inputs, sig.inputs), ...signatureMismatches('output', card.outputs, sig.outputs)];
  if (problems.length) throw refused('signature-mismatch', `Model "${card.name}" ${card.version} does not match its card: ${problems.join('; ')}.`);
  return { card, cardPath, modelPath };
}
