import type { Handlers } from '../dispatch/handlers';
import { agreementHandlers } from './agreementHandlers';
import { consoleHandlers } from './consoleHandlers';
import { latestRun, predictEffectiveness, trainEffectiveness } from './effectivenessTraining';
import { exportFeedback, nameFlags } from './exportFeedback';
import { instancesHandlers } from './instancesHandlers';
import { openVideoHandlers } from './openVideo';
import { playbackHandlers } from './playbackEvents';
import { proposeHandlers } from './proposeHandlers';
import { speechModels } from './speechModels';
import { videoLibrary } from './videoLibrary';
import { vocabularyHandlers } from './vocabulary';

type VideoCall = Extract<keyof typeof import('../../../shared/contract').calls, `video.${string}`>;

/** Every video.* call of the contract. */
export const videoAppHandlers: Handlers<VideoCall> = {
  ...openVideoHandlers,
  ...instancesHandlers,
  ...vocabularyHandlers,
  ...consoleHandlers,
  ...proposeHandlers,
  ...agreementHandlers,
  ...playbackHandlers,
  'video.nameFlags': (input, _ctx, { db }) => nameFlags(db, input),
  'video.export': (input, ctx, { db, dataDir }) => exportFeedback(db, dataDir, ctx, input),
  'video.trainEffectiveness': (input, ctx, { db, dataDir }) => trainEffectiveness(db, dataDir, ctx, input),
  'video.effectiveness': ({ projectId }, _ctx, { db }) => latestRun(db, projectId),
  'video.predictEffectiveness': ({ videoId }, ctx, { db }) => predictEffectiveness(db, ctx, videoId),
  'video.speechModels': (_input, _ctx, { dataDir }) => speechModels(dataDir),
  'video.library': ({ caseId }, ctx, { db }) => videoLibrary(db, ctx, caseId),
};
