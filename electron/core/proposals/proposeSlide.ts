import type { CallOutput } from '../../../shared/contract';
import { appendAudit } from '../audit/audit';
import type { CallContext, CoreDeps } from '../context';
import { CoreError } from '../errors';
import { proposerConfig, warmProposer } from '../models/regionProposer';
import { registryDirs } from '../models/registry';
import { sharedRuntime } from '../models/runtime';
import { readLowMagView } from '../models/slideAdapter';
import { slideEngineFor } from '../slides/slideEngineRegistry';
import { recordSlideMetadata } from '../slides/slidesHandlers';
import { pickProposer } from './pickProposer';
import { storeProposals, toProposal } from './proposalRows';
import { runProposer } from './runProposer';

/**
 * models.propose: reads a library slide at the model's magnification through its slide reader, runs the proposer
 * (progress per model run; cancellable), and stores the boxes with one audit row for the run.
 */
export async function proposeOnLibrarySlide(
  deps: CoreDeps,
  ctx: CallContext,
  input: { slideId: number; modelId?: string; max: number },
): Promise<CallOutput<'models.propose'>> {
  const runtime = sharedRuntime();
  ctx.progress(0, null, 'Checking the model');
  const { entry, model } = await pickProposer(registryDirs(deps.dataDir), runtime, input.modelId);
  const cfg = proposerConfig(model.card, { maxProposals: input.max });
  const magnification = model.card.preprocessing.magnification ?? 1.25;
  const opened = await slideEngineFor(deps).byId(deps.db, input.slideId);
  // The slide's size and resolution on its row: the review item of an accepted proposal is sized from them.
  recordSlideMetadata(deps.db, opened, ctx.actorId);
  if (ctx.signal.aborted) throw new CoreError('CANCELLED', 'Proposing regions was cancelled.');
  ctx.progress(0, null, `Reading the slide at ${magnification}×`);
  // The second worker starts and loads the model while the slide is read, not when the first crops are queued.
  void warmProposer(runtime, model);
  const view = await readLowMagView(opened.reader, magnification, ctx.signal);
  const result = await runProposer(
    view,
    model,
    runtime,
    cfg,
    (done, firstPass) =>
      done <= firstPass ? ctx.progress(done, firstPass, `Proposing regions (${entry.name} ${entry.version})`) : ctx.progress(done - firstPass, null, `Checking candidates: pass ${done - firstPass}`),
    ctx.signal,
  );
  if (ctx.signal.aborted) throw new CoreError('CANCELLED', 'Proposing regions was cancelled.');
  const now = new Date().toISOString();
  const stored = deps.db.transaction(() => {
    const s = storeProposals(deps.db, ctx.actorId, input.slideId, { name: model.card.name, version: model.card.version, sha256: model.card.sha256 }, result.proposals, now);
    appendAudit(deps.db, {
      actorId: ctx.actorId,
      action: 'models.propose',
      entity: 'slide',
      entityId: input.slideId,
      after: { model: { name: model.card.name, version: model.card.version, sha256: model.card.sha256 }, max: input.max, created: s.created, existing: s.existing },
    });
    return s;
  })();
  return {
    model: { id: entry.id, name: entry.name, version: entry.version },
    proposals: stored.rows.map(toProposal),
    created: stored.created.length,
    existing: stored.existing.length,
  };
}
