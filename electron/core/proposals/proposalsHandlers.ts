import { orderProposals } from '../../../shared/models/proposalOrder';
import type { Handlers } from '../dispatch/handlers';
import { notFound } from '../errors';
import { decideProposal } from './decideProposal';
import { modelsOnSlide, proposalsOf, toProposal } from './proposalRows';
import { proposeOnLibrarySlide } from './proposeSlide';

export const proposalsHandlers: Handlers<'models.propose' | 'proposals.list' | 'proposals.decide'> = {
  'models.propose': (input, ctx, deps) => proposeOnLibrarySlide(deps, ctx, input),
  'proposals.list': ({ slideId, model, order }, _ctx, { db }) => {
    if (!db.prepare('SELECT 1 FROM slides WHERE id = ?').get(slideId)) throw notFound('Slide', slideId);
    const models = modelsOnSlide(db, slideId);
    const chosen = model ?? (models[0] ? { name: models[0].name, version: models[0].version } : null);
    const proposals = chosen ? orderProposals(proposalsOf(db, slideId, chosen).map(toProposal), order) : [];
    return { slideId, model: chosen, models, proposals };
  },
  'proposals.decide': ({ id, decision }, ctx, { db }) => decideProposal(db, ctx.actorId, id, decision),
};
