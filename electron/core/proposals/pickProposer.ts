import type { ModelEntry } from '../../../shared/contract/models';
import type { ErrorCode } from '../../../shared/contract';
import { CoreError } from '../errors';
import { checkModel, type CheckedModel } from '../models/modelCheck';
import { listModels, type RegistryDirs } from '../models/registry';
import { assertRegionProposer } from '../models/regionProposer';
import type { ModelRuntime } from '../models/runtime';

const REFUSED_CODE: Record<NonNullable<ModelEntry['reason']>, ErrorCode> = {
  'bad-card': 'CORRUPT_FILE',
  'missing-file': 'FILE_NOT_FOUND',
  'hash-mismatch': 'CORRUPT_FILE',
  'signature-mismatch': 'UNSUPPORTED_FILE',
  unloadable: 'CORRUPT_FILE',
  duplicate: 'CONFLICT',
};

/**
 * The region-proposal model to run: the one with this models.list id, else the newest usable roi-proposer, else
 * the newest usable region-proposal model. A refused model is refused again here with its reason.
 */
export async function pickProposer(dirs: RegistryDirs, runtime: ModelRuntime, modelId?: string): Promise<{ entry: ModelEntry; model: CheckedModel }> {
  const all = await listModels(dirs, runtime);
  let entry: ModelEntry | undefined;
  if (modelId) {
    entry = all.find((m) => m.id === modelId);
    if (!entry) throw new CoreError('NOT_FOUND', `There is no model "${modelId}" (models.list shows the ones there are).`);
    if (entry.status !== 'ok') throw new CoreError(REFUSED_CODE[entry.reason ?? 'unloadable'], entry.problem ?? `Model "${modelId}" is refused.`, { reason: entry.reason });
  } else {
    const usable = all.filter((m) => m.status === 'ok' && m.task === 'region-proposal');
    entry = usable.find((m) => m.name === 'roi-proposer') ?? usable[0];
    if (!entry) throw new CoreError('NOT_FOUND', 'There is no usable region-proposal model (Settings → Models shows why each one is refused).');
  }
  const model = await checkModel(entry.cardPath, runtime);
  assertRegionProposer(model.card);
  return { entry, model };
}
