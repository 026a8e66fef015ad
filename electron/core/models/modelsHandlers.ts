import type { Handlers } from '../dispatch/handlers';
import { CoreError } from '../errors';
import { addModel } from './addModel';
import type { TrainingImage } from '../../../shared/models/trainRoiHead';
import { checkModel } from './modelCheck';
import { trainingImagesFromProject } from './projectTraining';
import { listModels, newestUsable, registryDirs } from './registry';
import { readTrainingDir, trainRoiVersion } from './roiTraining';
import { sharedRuntime } from './runtime';

export const modelsHandlers: Handlers<'models.list' | 'models.add' | 'models.trainRoi'> = {
  'models.list': async (_input, _ctx, { dataDir }) => {
    const runtime = sharedRuntime();
    const list = await listModels(registryDirs(dataDir), runtime);
    // The Proposals tab lists the models when it opens: get the default proposer ready in every worker meanwhile.
    const usable = list.filter((m) => m.status === 'ok' && m.task === 'region-proposal' && m.modelPath);
    const proposer = usable.find((m) => m.name === 'roi-proposer') ?? usable[0];
    if (proposer) void checkModel(proposer.cardPath, runtime).then((model) => runtime.warm({ path: model.modelPath, key: model.card.sha256 }), () => undefined);
    return list;
  },
  'models.add': (input, ctx, { db, dataDir }) => addModel(db, registryDirs(dataDir), sharedRuntime(), ctx.actorId, input),
  'models.trainRoi': async ({ from, projectId, baseCardPath, seed }, ctx, { db, dataDir }) => {
    const dirs = registryDirs(dataDir);
    const runtime = sharedRuntime();
    let basePath = baseCardPath;
    if (!basePath) {
      const newest = await newestUsable(dirs, runtime, 'roi-proposer');
      if (!newest) throw new CoreError('NOT_FOUND', 'There is no usable roi-proposer model to start from.');
      basePath = newest.cardPath;
    }
    const base = await checkModel(basePath, runtime);
    let images: TrainingImage[];
    let data: string;
    if (projectId !== undefined) {
      ({ images, data } = await trainingImagesFromProject({ db, dataDir }, projectId, base.card.preprocessing.magnification ?? 1.25, ctx));
    } else {
      ctx.progress(0, null, 'Reading training images');
      images = await readTrainingDir(from as string, ctx.signal);
      data = `${images.length} images with boxes from ${from}`;
    }
    ctx.progress(0, null, `Training on ${images.length} images`);
    const { entry, result } = await trainRoiVersion(db, dirs, runtime, ctx.actorId, { base, images, seed, data, signal: ctx.signal });
    return { model: entry, trainImages: result.trainImages, heldOutImages: result.heldOutImages, heldOut: result.heldOut, heldOutBefore: result.heldOutBefore };
  },
};
