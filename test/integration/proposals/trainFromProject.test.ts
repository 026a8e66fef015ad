import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelEntry, StoredProposal } from '../../../shared/contract/models';
import type { HeldOutMetrics } from '../../../shared/models/card';
import type { Core } from '../../../electron/core/createCore';
import { lesionSlide, type LesionSlide } from '../../fixtures/lesions/lesionSlide';
import { call, tempCore } from '../../support/tempCore';
import { expertSessionJsonl, projectWithSlides } from './proposalSetup';

interface TrainOut {
  model: ModelEntry;
  trainImages: string[];
  heldOutImages: string[];
  heldOut: HeldOutMetrics | null;
  heldOutBefore: HeldOutMetrics | null;
}

let core: Core;
let slides: LesionSlide[];
let ids: Awaited<ReturnType<typeof projectWithSlides>>;

beforeAll(async () => {
  slides = await Promise.all([0, 1, 2, 3].map((i) => lesionSlide('heldout', i)));
  core = tempCore();
  ids = await projectWithSlides(core, slides, 'Learning study');
  for (const [i, s] of slides.entries()) {
    await call(core, 'recording.import', { slideId: ids.slideIds[i], jsonl: expertSessionJsonl(s, s.lesions) }, ids.userId);
  }
}, 60_000);
afterAll(() => core?.close());

describe("training the region proposer from a project's recorded behaviour", () => {
  it('fits a new version on inspect boxes vs tissue seen at low power, reports held-out precision/recall, and keeps the earlier version selectable', async () => {
    const out = await call<TrainOut>(core, 'models.trainRoi', { projectId: ids.projectId, seed: 3 }, ids.userId);
    expect(out.model).toMatchObject({ name: 'roi-proposer', version: '1.1.0', source: 'user', status: 'ok' });
    expect(out.model.training?.data).toMatch(/project "Learning study": 4 sessions on 4 slides/);
    expect(out.model.training?.positiveCells).toBeGreaterThan(0);
    expect(out.model.training?.negativeCells).toBeGreaterThan(out.model.training!.positiveCells);
    expect([...out.trainImages, ...out.heldOutImages].sort()).toEqual(ids.slideIds.map((id, i) => `lesions-${20000 + i}.tif (slide ${id})`).sort());
    expect(out.heldOutImages).toHaveLength(1);
    expect(out.heldOut).toMatchObject({ images: 1, atK: 5, minIoU: 0.3 });
    expect(out.heldOut!.recall).toBeGreaterThanOrEqual(out.heldOutBefore!.recall);

    const models = await call<ModelEntry[]>(core, 'models.list', {});
    const versions = models.filter((m) => m.name === 'roi-proposer' && m.status === 'ok').map((m) => m.id);
    expect(versions).toEqual(['user:roi-proposer@1.1.0', 'shipped:roi-proposer@1.0.0']);

    // The newest version proposes by default; the earlier one can still be chosen.
    const slideId = ids.slideIds[0];
    const newest = await call<{ model: { version: string } }>(core, 'models.propose', { slideId }, ids.userId);
    expect(newest.model.version).toBe('1.1.0');
    const older = await call<{ model: { version: string }; proposals: StoredProposal[] }>(core, 'models.propose', { slideId, modelId: 'shipped:roi-proposer@1.0.0' }, ids.userId);
    expect(older.model.version).toBe('1.0.0');
    const list = await call<{ models: Array<{ version: string }> }>(core, 'proposals.list', { slideId });
    expect(list.models.map((m) => m.version)).toEqual(['1.0.0', '1.1.0']);
    expect((await call<{ proposals: StoredProposal[] }>(core, 'proposals.list', { slideId, model: { name: 'roi-proposer', version: '1.1.0' } })).proposals.length).toBeGreaterThan(0);
  }, 120_000);

  it('says clearly when there is nothing to learn from', async () => {
    const fail = async (input: unknown) => {
      const env = await core.invoke('models.trainRoi', input, { actorId: ids.userId });
      if (env.ok) throw new Error('should have failed');
      return env.error;
    };
    const empty = await projectWithSlides(core, [slides[0]], 'Nobody looked');
    expect(await fail({ projectId: empty.projectId })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/"Nobody looked" has no recorded sessions/) });
    // Only a low-power overview: no inspect or peek commands.
    await call(core, 'recording.import', { slideId: empty.slideIds[0], jsonl: expertSessionJsonl(slides[0], []) }, ids.userId);
    expect(await fail({ projectId: empty.projectId })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/no inspect or peek commands/) });
    expect((await fail({ projectId: 9999 })).code).toBe('NOT_FOUND');
    expect(await fail({ projectId: ids.projectId, from: '/tmp' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/either from .* or projectId/) });
    expect((await fail({})).code).toBe('INVALID_INPUT');
    const models = await call<ModelEntry[]>(core, 'models.list', {});
    expect(models.filter((m) => m.name === 'roi-proposer').map((m) => m.version)).toEqual(['1.1.0', '1.0.0']);
  }, 60_000);
});
