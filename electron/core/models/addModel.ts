import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ModelEntry } from '../../../shared/contract/models';
import type { ModelCard } from '../../../shared/models/card';
import { appendAudit } from '../audit/audit';
import { CoreError } from '../errors';
import { checkModel, readCard, refused } from './modelCheck';
import { entryOf, findCards, type RegistryDirs } from './registry';
import type { ModelRuntime } from './runtime';

/** Where a user model of this name and version lives. */
export function userVersionDir(dirs: RegistryDirs, name: string, version: string): string {
  return join(dirs.user, name, version);
}

function assertNew(dirs: RegistryDirs, card: ModelCard): void {
  for (const { cardPath, source } of findCards(dirs)) {
    try {
      const other = readCard(cardPath).card;
      if (other.name === card.name && other.version === card.version) {
        throw refused('duplicate', `There is already a ${source === 'shipped' ? 'shipped' : 'user'} model "${card.name}" version ${card.version}; give the new one another version.`);
      }
    } catch (e) {
      if (e instanceof CoreError && (e.details as { reason?: string } | undefined)?.reason === 'duplicate') throw e;
    }
  }
}

/**
 * Installs a model file with its card into the user's models folder (written to a temporary folder, then moved
 * into place inside the audited transaction, so a failure leaves nothing half-added).
 */
export function installModel(db: Database, dirs: RegistryDirs, actorId: number | null, card: ModelCard, modelBytesOrPath: Uint8Array | string, action: string): { cardPath: string; modelPath: string } {
  assertNew(dirs, card);
  const finalDir = userVersionDir(dirs, card.name, card.version);
  if (existsSync(finalDir)) throw refused('duplicate', `${finalDir} already exists; give the new model another version.`);
  const staging = `${finalDir}.adding-${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  try {
    const stored: ModelCard = { ...card, file: 'model.onnx' };
    if (typeof modelBytesOrPath === 'string') copyFileSync(modelBytesOrPath, join(staging, 'model.onnx'));
    else writeFileSync(join(staging, 'model.onnx'), modelBytesOrPath);
    writeFileSync(join(staging, 'card.json'), `${JSON.stringify(stored, null, 2)}\n`);
    db.transaction(() => {
      appendAudit(db, { actorId, action, entity: 'model', entityId: `${card.name}@${card.version}`, after: { name: card.name, version: card.version, task: card.task, sha256: card.sha256, training: card.training ?? null } });
      renameSync(staging, finalDir);
    })();
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  return { cardPath: join(finalDir, 'card.json'), modelPath: join(finalDir, 'model.onnx') };
}

/** models.add: a card.json (naming its .onnx), or an .onnx plus its card; checked before anything is copied. */
export async function addModel(db: Database, dirs: RegistryDirs, runtime: ModelRuntime, actorId: number | null, input: { path: string; cardPath?: string }): Promise<ModelEntry> {
  const path = resolve(input.path);
  let cardPath: string;
  let modelPath: string | undefined;
  if (extname(path).toLowerCase() === '.onnx') {
    if (!input.cardPath) throw new CoreError('INVALID_INPUT', `${path} is an ONNX file; give its card.json too (see docs/models.md for the card format).`);
    cardPath = resolve(input.cardPath);
    modelPath = path;
  } else if (extname(path).toLowerCase() === '.json') {
    cardPath = path;
    if (input.cardPath) throw new CoreError('INVALID_INPUT', 'Give either a card.json, or an .onnx file with its card, not two cards.');
  } else {
    throw new CoreError('UNSUPPORTED_FILE', `${path} is neither a model card (.json) nor an ONNX model (.onnx).`);
  }
  const checked = await checkModel(cardPath, runtime, modelPath);
  const installed = installModel(db, dirs, actorId, checked.card, checked.modelPath, 'add');
  return entryOf({ card: { ...checked.card, file: 'model.onnx' }, cardPath: installed.cardPath, modelPath: installed.modelPath }, 'user');
}

