import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelEntry, StoredProposal } from '../../../shared/contract/models';
import { iou, type Box } from '../../../shared/models/boxes';
import type { Core } from '../../../electron/core/createCore';
import { lesionSlide, type LesionSlide } from '../../fixtures/lesions/lesionSlide';
import { scriptedSessionJsonl } from '../../fixtures/lesions/scriptedSessions';
import { call, tempCore } from '../../support/tempCore';
import { projectWithSlides } from './proposalSetup';

const SHIPPED_CARD = fileURLToPath(new URL('../../../models/roi-proposer/card.json', import.meta.url));

interface TrainOut {
  model: ModelEntry;
  trainImages: string[];
  heldOutImages: string[];
}

let core: Core;
let slides: LesionSlide[];
let ids: Awaited<ReturnType<typeof projectWithSlides>>;

beforeAll(async () => {
  // Held-out split slide 9 has a dark patch away from its lesions that the shipped model proposes; slide 23 is the
  // one held out for the figures.
  slides = await Promise.all([9, 23].map((i) => lesionSlide('heldout', i)));
  core = tempCore();
  ids = await projectWithSlides(core, slides, 'Decided proposals');
  for (const [i, s] of slides.entries()) {
    const jsonl = scriptedSessionJsonl({ id: basename(s.path), width: s.width, height: s.height, mpp: s.mpp, lesions: s.lesions }, 70 + i);
    await call(core, 'recording.import', { slideId: ids.slideIds[i], jsonl }, ids.userId);
  }
}, 60_000);
afterAll(() => core?.close());

const onLesion = (box: Box, slide: LesionSlide) => slide.lesions.some((l) => iou(box, l) >= 0.3);

/** What a model version proposes on the slide, and the score it gives the region (0 when it proposes nothing there). */
async function proposeWith(slideId: number, modelId: string, region: Box): Promise<{ proposals: StoredProposal[]; score: number }> {
  const out = await call<{ proposals: StoredProposal[] }>(core, 'models.propose', { slideId, modelId, max: 10 }, ids.userId);
  const there = out.proposals.filter((p) => iou(p.box, region) >= 0.3);
  return { proposals: out.proposals, score: Math.max(0, ...there.map((p) => p.score)) };
}

describe('training from a project learns from the proposals reviewers decided', () => {
  it('a rejected proposal over a distractor lowers its score in the next version; accepted ones are positives; the card counts each source', async () => {
    const slideId = ids.slideIds[0];
    const proposed = await call<{ proposals: StoredProposal[] }>(core, 'models.propose', { slideId }, ids.userId);
    const distractor = proposed.proposals.find((p) => !onLesion(p.box, slides[0]));
    const lesion = proposed.proposals.find((p) => onLesion(p.box, slides[0]));
    expect(distractor, 'the shipped model proposes the dark patch').toBeDefined();
    await call(core, 'proposals.decide', { id: lesion!.id, decision: 'accept' }, ids.userId);

    const before = await call<TrainOut>(core, 'models.trainRoi', { projectId: ids.projectId, baseCardPath: SHIPPED_CARD, seed: 7 }, ids.userId);
    expect(before.trainImages).toEqual([`${basename(slides[0].path)} (slide ${slideId})`]);
    expect(before.model.training?.data).toMatch(/project "Decided proposals": 2 sessions on 2 slides, 1 accepted and 0 rejected proposals/);
    expect(before.model.training?.sources?.positives).toMatchObject({ inspect: { boxes: slides[0].lesions.length }, acceptedProposals: { boxes: 1 } });
    expect(before.model.training?.sources?.positives.acceptedProposals.cells).toBeGreaterThan(0);
    expect(Object.keys(before.model.training?.sources?.negatives ?? {})).toEqual(['lowPowerViews']);

    await call(core, 'proposals.decide', { id: distractor!.id, decision: 'reject' }, ids.userId);
    const after = await call<TrainOut>(core, 'models.trainRoi', { projectId: ids.projectId, baseCardPath: SHIPPED_CARD, seed: 7 }, ids.userId);
    expect(after.model.version).toBe('1.2.0');
    expect(after.model.training?.data).toMatch(/1 accepted and 1 rejected proposal$/);
    const negatives = after.model.training?.sources?.negatives ?? {};
    expect(negatives.rejectedProposals.boxes).toBe(1);
    expect(negatives.rejectedProposals.cells).toBeGreaterThan(0);
    expect(negatives.lowPowerViews.cells).toBeGreaterThan(negatives.rejectedProposals.cells);

    const without = await proposeWith(slideId, `user:roi-proposer@${before.model.version}`, distractor!.box);
    const withRejection = await proposeWith(slideId, `user:roi-proposer@${after.model.version}`, distractor!.box);
    expect(without.score, 'trained without the rejection, the patch is still proposed').toBeGreaterThan(0.5);
    expect(withRejection.score).toBeLessThan(without.score);
    // The lesions are still found.
    for (const l of slides[0].lesions) expect(Math.max(...withRejection.proposals.map((p) => iou(p.box, l)))).toBeGreaterThanOrEqual(0.3);
  }, 120_000);
});
