import type { Handlers } from '../dispatch/handlers';
import { draftItems } from './draftItems';
import { getDraftingSettings, saveDraftingSettings } from './draftingSettings';
import { projectNames } from './itemRows';
import { newSecret } from './projectSecret';
import { addProposalItems } from './proposals';
import { getItem, listQueue, reviewDashboard, setProjectNames } from './reviewQueue';
import { submitReview } from './submitReview';
import { syncProjectItems } from './syncItems';
import { notFound } from '../errors';

type ReviewCall =
  | 'review.sync'
  | 'review.list'
  | 'review.get'
  | 'review.addProposals'
  | 'review.draft'
  | 'review.submit'
  | 'review.dashboard'
  | 'review.settings'
  | 'review.saveSettings'
  | 'review.identifierNames'
  | 'review.setIdentifierNames';

export const reviewHandlers: Handlers<ReviewCall> = {
  'review.sync': ({ projectId }, ctx, { db }) => syncProjectItems(db, ctx.actorId, projectId),
  'review.list': (input, _ctx, { db }) => listQueue(db, input),
  'review.get': ({ itemId }, _ctx, { db }) => getItem(db, itemId),
  'review.addProposals': (input, ctx, { db }) => addProposalItems(db, ctx.actorId, input),
  'review.draft': (input, ctx, deps) => draftItems(deps, ctx, input),
  'review.submit': (input, ctx, { db }) => {
    submitReview(db, ctx.actorId, input);
    return getItem(db, input.itemId);
  },
  'review.dashboard': ({ projectId }, _ctx, { db }) => reviewDashboard(db, projectId),
  'review.settings': (_input, _ctx, { db }) => getDraftingSettings(db),
  'review.saveSettings': (input, ctx, { db }) => saveDraftingSettings(db, ctx.actorId, input),
  'review.identifierNames': ({ projectId }, _ctx, { db }) => {
    if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw notFound('Project', projectId);
    return { names: projectNames(db, projectId) };
  },
  'review.setIdentifierNames': ({ projectId, names }, ctx, { db }) => ({ names: setProjectNames(db, ctx.actorId, projectId, names, newSecret) }),
};
