import type { Handlers } from '../dispatch/handlers';
import { addModel } from './addModel';
import { listModels, registryDirs } from './registry';
import { sharedRuntime } from './runtime';

export const modelsHandlers: Handlers<'models.list' | 'models.add'> = {
  'models.list': (_input, _ctx, { dataDir }) => listModels(registryDirs(dataDir), sharedRuntime()),
  'models.add': (input, ctx, { db, dataDir }) => addModel(db, registryDirs(dataDir), sharedRuntime(), ctx.actorId, input),
};
