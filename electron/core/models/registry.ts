import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelEntry } from '../../../shared/contract/models';
import { compareVersions, ModelTask } from '../../../shared/models/card';
import { checkModel, readCard, reasonOf, type CheckedModel } from './modelCheck';
import { shippedModelsDir, userModelsDir } from './modelPaths';
import type { ModelRuntime } from './runtime';

export interface RegistryDirs {
  shipped: string;
  user: string;
}

export function registryDirs(dataDir: string): RegistryDirs {
  return { shipped: shippedModelsDir(), user: userModelsDir(dataDir) };
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => !f.startsWith('.'))
      .map((f) => join(dir, f))
      .filter((p) => statSync(p).isDirectory())
      .sort();
  } catch {
    return [];
  }
}

/** Card files: shipped ones at <dir>/<name>/card.json; the user's at <dir>/<name>/<version>/card.json. */
export function findCards(dirs: RegistryDirs): Array<{ cardPath: string; source: 'shipped' | 'user' }> {
  const shipped = subdirs(dirs.shipped)
    .map((d) => join(d, 'card.json'))
    .filter((p) => existsSync(p))
    .map((cardPath) => ({ cardPath, source: 'shipped' as const }));
  const user = subdirs(dirs.user)
    .flatMap((d) => subdirs(d))
    .map((d) => join(d, 'card.json'))
    .filter((p) => existsSync(p))
    .map((cardPath) => ({ cardPath, source: 'user' as const }));
  return [...shipped, ...user];
}

export function entryOf(checked: CheckedModel, source: 'shipped' | 'user'): ModelEntry {
  const { card } = checked;
  return {
    id: `${source}:${card.name}@${card.version}`,
    name: card.name,
    version: card.version,
    task: card.task,
    description: card.description,
    source,
    cardPath: checked.cardPath,
    modelPath: checked.modelPath,
    licence: card.licence,
    created: card.created,
    training: card.training ?? null,
    status: 'ok',
    reason: null,
    problem: null,
  };
}

/** Name, version and task of a card that does not follow the format, as far as it states them. */
function rawCardFields(cardPath: string): { name?: string; version?: string; task?: ModelEntry['task'] } {
  try {
    const json = JSON.parse(readFileSync(cardPath, 'utf8')) as Record<string, unknown>;
    const task = ModelTask.safeParse(json.task);
    return {
      name: typeof json.name === 'string' ? json.name : undefined,
      version: typeof json.version === 'string' ? json.version : undefined,
      task: task.success ? task.data : undefined,
    };
  } catch {
    return {};
  }
}

function refusedEntry(cardPath: string, source: 'shipped' | 'user', e: unknown): ModelEntry {
  let name = cardPath;
  let version = '?';
  let task: ModelEntry['task'] = 'unknown';
  let modelPath: string | null = null;
  try {
    const { card, modelPath: p } = readCard(cardPath);
    ({ name, version, task } = card);
    modelPath = p;
  } catch {
    // The card itself is the problem; keep the path as the name, and what it says of itself when it says it.
    const raw = rawCardFields(cardPath);
    name = raw.name ?? name;
    version = raw.version ?? version;
    task = raw.task ?? task;
  }
  return {
    id: `${source}:${name}@${version}`,
    name,
    version,
    task,
    description: '',
    source,
    cardPath,
    modelPath,
    licence: null,
    created: null,
    training: null,
    status: 'refused',
    reason: reasonOf(e) ?? 'unloadable',
    problem: (e as Error).message,
  };
}

/** Every model with its verdict; newest version first within a name, shipped before the user's. */
export async function listModels(dirs: RegistryDirs, runtime: ModelRuntime): Promise<ModelEntry[]> {
  const out: ModelEntry[] = [];
  for (const { cardPath, source } of findCards(dirs)) {
    try {
      out.push(entryOf(await checkModel(cardPath, runtime), source));
    } catch (e) {
      out.push(refusedEntry(cardPath, source, e));
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || (a.version === '?' || b.version === '?' ? 0 : compareVersions(b.version, a.version)) || a.source.localeCompare(b.source));
}

/** The newest usable version of a model by name (user versions included), or null. */
export async function newestUsable(dirs: RegistryDirs, runtime: ModelRuntime, name: string): Promise<ModelEntry | null> {
  return (await listModels(dirs, runtime)).find((m) => m.name === name && m.status === 'ok') ?? null;
}

/** Every model whose card names this task, usable or refused (with the reason), as listModels gives them. */
export async function modelsForTask(dirs: RegistryDirs, runtime: ModelRuntime, task: ModelEntry['task']): Promise<ModelEntry[]> {
  return (await listModels(dirs, runtime)).filter((m) => m.task === task);
}
