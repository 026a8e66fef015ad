import { resolve } from 'node:path';
import type { Handlers } from '../dispatch/handlers';
import { exportPathologyCot, preflight } from './pathologyCot';
import { exportState } from './staging';

export const exportHandlers: Handlers<'export.preflight' | 'export.state' | 'export.pathologyCot'> = {
  'export.preflight': ({ projectId, includeRejected }, _ctx, deps) => preflight(deps, projectId, includeRejected),
  'export.state': ({ out }) => exportState(resolve(out)),
  'export.pathologyCot': (input, ctx, deps) => exportPathologyCot(deps, ctx, input),
};
