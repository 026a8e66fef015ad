import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredProposal } from '../../../shared/contract/models';
import { iou, type Box } from '../../../shared/models/boxes';
import type { Core } from '../../../electron/core/createCore';
import { lesionSlide, type LesionSlide } from '../../fixtures/lesions/lesionSlide';
import { call, tempCore, tempDir } from '../../support/tempCore';
import { projectWithSlides } from './proposalSetup';

interface ProposeOut {
  model: { id: string; name: string; version: string };
  proposals: StoredProposal[];
  created: number;
  existing: number;
}
interface ListOut {
  model: { name: string; version: string } | null;
  models: Array<{ name: string; version: string; count: number }>;
  proposals: StoredProposal[];
}

let core: Core;
let slide: LesionSlide;
let ids: Awaited<ReturnType<typeof projectWithSlides>>;

beforeAll(async () => {
  slide = await lesionSlide('test', 1);
  core = tempCore();
  ids = await projectWithSlides(core, [slide]);
}, 60_000);
afterAll(() => core?.close());

const fail = async (name: string, input: unknown, actorId: number | null = null) => {
  const env = await core.invoke(name, input, { actorId });
  if (env.ok) throw new Error(`${name} should have failed`);
  return env.error;
};

describe('proposals on a library slide', () => {
  it('proposes through the slide reader, stores the boxes (one audit row), and lists them by score or by uncertainty', async () => {
    const slideId = ids.slideIds[0];
    const out = await call<ProposeOut>(core, 'models.propose', { slideId }, ids.userId);
    expect(out.model).toEqual({ id: 'shipped:roi-proposer@1.0.0', name: 'roi-proposer', version: '1.0.0' });
    expect(out.created).toBe(out.proposals.length);
    for (const lesion of slide.lesions) expect(Math.max(...out.proposals.map((p) => iou(p.box as Box, lesion)))).toBeGreaterThanOrEqual(0.3);
    for (const p of out.proposals) {
      expect(p.status).toBe('proposed');
      expect(p.box[2]).toBeLessThanOrEqual(slide.width);
      expect(p.box[3]).toBeLessThanOrEqual(slide.height);
      expect(p.confidence).toBeGreaterThanOrEqual(0);
      expect(p.passes).toBeGreaterThanOrEqual(2);
    }

    const byScore = await call<ListOut>(core, 'proposals.list', { slideId });
    expect(byScore.model).toEqual({ name: 'roi-proposer', version: '1.0.0' });
    expect(byScore.models).toEqual([expect.objectContaining({ name: 'roi-proposer', version: '1.0.0', count: out.proposals.length })]);
    expect(byScore.proposals.map((p) => p.score)).toEqual([...out.proposals.map((p) => p.score)].sort((a, b) => b - a));
    const byDoubt = await call<ListOut>(core, 'proposals.list', { slideId, order: 'uncertainty' });
    const keys = byDoubt.proposals.map((p) => [p.abstain ? 0 : 1, p.confidence]);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));

    const audit = await call<Array<{ action: string; entity: string; entityId: string | null }>>(core, 'audit.recent', {});
    expect(audit.filter((a) => a.action === 'models.propose').map((a) => [a.entity, a.entityId])).toEqual([['slide', String(slideId)]]);

    // The model is deterministic: running it again finds the same boxes and keeps their rows.
    const again = await call<ProposeOut>(core, 'models.propose', { slideId }, ids.userId);
    expect(again.created).toBe(0);
    expect(again.existing).toBe(out.proposals.length);
    expect(again.proposals.map((p) => p.id)).toEqual(out.proposals.map((p) => p.id));
  }, 60_000);

  it('accepting creates a review item with the model, score and confidence; rejecting is kept; each is decided once', async () => {
    const slideId = ids.slideIds[0];
    const list = (await call<ListOut>(core, 'proposals.list', { slideId })).proposals;
    expect(list.length).toBeGreaterThanOrEqual(2);
    const [first, second] = list;
    const accepted = await call<StoredProposal>(core, 'proposals.decide', { id: first.id, decision: 'accept' }, ids.userId);
    expect(accepted).toMatchObject({ status: 'accepted', decidedBy: ids.userId, decidedByName: 'Dr. Ada Rivera' });
    expect(accepted.reviewItemId).not.toBeNull();
    const rejected = await call<StoredProposal>(core, 'proposals.decide', { id: second.id, decision: 'reject' }, ids.userId);
    expect(rejected).toMatchObject({ status: 'rejected', reviewItemId: null });

    const item = await call<{ source: string; box: Box; magnification: number; model: { name: string; version: string; score: number; confidence: number; abstain: boolean } }>(
      core,
      'review.get',
      { itemId: accepted.reviewItemId },
    );
    expect(item.source).toBe('model');
    expect(item.magnification).toBe(5); // a 5× slide (2 µm/px): reviewed at its own power, where the box fits the screen
    expect(item.box).toEqual(first.box);
    expect(item.model).toMatchObject({ name: 'roi-proposer', version: '1.0.0', abstain: first.abstain });
    expect(item.model.score).toBeCloseTo(first.score, 6);
    const queue = await call<{ items: Array<{ id: number; source: string }> }>(core, 'review.list', { projectId: ids.projectId });
    expect(queue.items.filter((i) => i.source === 'model').map((i) => i.id)).toEqual([accepted.reviewItemId]);

    const again = await fail('proposals.decide', { id: second.id, decision: 'accept' }, ids.userId);
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toMatch(/already rejected by Dr. Ada Rivera/);
    const after = (await call<ListOut>(core, 'proposals.list', { slideId })).proposals;
    expect(after.find((p) => p.id === first.id)?.status).toBe('accepted');
    expect(after.find((p) => p.id === second.id)?.status).toBe('rejected');

    // A new run keeps the decisions.
    const rerun = await call<ProposeOut>(core, 'models.propose', { slideId }, ids.userId);
    expect(rerun.proposals.find((p) => p.id === second.id)?.status).toBe('rejected');
  }, 60_000);

  it('refuses bad input with clear errors and stores nothing', async () => {
    const slideId = ids.slideIds[0];
    const before = (await call<ListOut>(core, 'proposals.list', { slideId })).proposals.length;
    expect((await fail('models.propose', { slideId: 999 })).code).toBe('NOT_FOUND');
    const unknown = await fail('models.propose', { slideId, modelId: 'user:roi-proposer@9.9.9' });
    expect(unknown).toMatchObject({ code: 'NOT_FOUND' });
    expect(unknown.message).toMatch(/user:roi-proposer@9\.9\.9/);
    const notProposer = await fail('models.propose', { slideId, modelId: 'shipped:silero-vad@5.0.0' });
    expect(notProposer).toMatchObject({ code: 'UNSUPPORTED_FILE', message: expect.stringMatching(/"silero-vad" 5\.0\.0 cannot propose regions/) });
    expect((await fail('models.propose', { slideId, max: 0 })).code).toBe('INVALID_INPUT');
    expect((await fail('proposals.list', { slideId: 999 })).code).toBe('NOT_FOUND');
    expect((await fail('proposals.decide', { id: 999_999, decision: 'accept' })).code).toBe('NOT_FOUND');
    expect((await fail('proposals.decide', { id: 1, decision: 'maybe' })).code).toBe('INVALID_INPUT');
    expect((await call<ListOut>(core, 'proposals.list', { slideId })).proposals.length).toBe(before);
  }, 60_000);

  it('says so when the slide file is gone, and stores nothing', async () => {
    const copy = join(tempDir(), 'moved-away.tif');
    copyFileSync(slide.path, copy);
    const { slideIds } = await projectWithSlides(core, [{ ...slide, path: copy }], 'Moved files');
    rmSync(copy);
    const err = await fail('models.propose', { slideId: slideIds[0] });
    expect(err.code).toBe('FILE_NOT_FOUND');
    expect(err.message).toMatch(/moved-away\.tif/);
    expect((await call<ListOut>(core, 'proposals.list', { slideId: slideIds[0] })).proposals).toEqual([]);
  }, 60_000);

  it('is cancellable: a cancelled run stores nothing', async () => {
    const other = await lesionSlide('test', 2);
    const { slideIds } = await projectWithSlides(core, [other], 'Cancel study');
    const controller = new AbortController();
    const off = core.onEvent((e) => {
      if (e.type === 'progress' && e.jobId === 'cancel-me' && e.label.startsWith('Proposing')) controller.abort();
    });
    const env = await core.invoke('models.propose', { slideId: slideIds[0] }, { actorId: null, jobId: 'cancel-me', signal: controller.signal });
    off();
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.code).toBe('CANCELLED');
    expect((await call<ListOut>(core, 'proposals.list', { slideId: slideIds[0] })).proposals).toEqual([]);
  }, 60_000);
});
