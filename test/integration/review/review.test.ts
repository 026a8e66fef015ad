import Database from 'better-sqlite3';
import sharp from 'sharp';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftResult, ReviewDashboard, ReviewItem, ReviewQueue, SyncCounts } from '../../../shared/contract';
import { call } from '../../support/tempCore';
import { failure, reviewSetup, type ReviewSetup } from './reviewSetup';

let s: ReviewSetup;
let ben: number;
const queue = (input: Record<string, unknown> = {}) => call<ReviewQueue>(s.core, 'review.list', { projectId: s.projectId, ...input });
const item = (items: ReviewItem[], kind: string, x0?: number) => items.find((i) => i.kind === kind && (x0 === undefined || i.box?.[0] === x0))!;

beforeAll(async () => {
  s = await reviewSetup();
  ben = (await call<{ id: number }>(s.core, 'profiles.create', { name: 'Ben Okafor', role: 'pathologist' })).id;
});
afterAll(() => s?.core.close());

function auditActions(): string[] {
  const db = new Database(join(s.dataDir, 'sightline.db'), { readonly: true });
  try {
    return db.prepare("SELECT action FROM audit WHERE action LIKE 'review.%' ORDER BY id").pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('review items', () => {
  it('makes one item per region of the recorded session (peeks attached to their inspect) and one first impression', async () => {
    const counts = await call<SyncCounts>(s.core, 'review.sync', { projectId: s.projectId }, s.userId);
    expect(counts).toEqual({ created: 3, updated: 0, withdrawn: 0, restored: 0, items: 3 });
    const { items } = await queue();
    expect(items.map((i) => i.kind)).toEqual(['impression', 'inspect', 'inspect']);
    const a = items[1];
    expect(a.box).toEqual([1040, 780, 1840, 1380]);
    expect(a.magnification).toBe(10);
    expect(a.fields).toEqual(['why', 'findings', 'highPower']);
    expect(a.highPower).toEqual([{ box: [1340, 1005, 1540, 1155], magnification: 40, durationMs: 2000, visits: 1, startMs: 3000, commandKey: 'd2' }]);
    expect(a.sessionUserName).toBe('Ada Lovelace');
    expect(items[2].fields).toEqual(['why', 'findings']);
    expect(items[0].fields).toEqual(['impression']);
    expect(await call<SyncCounts>(s.core, 'review.sync', { projectId: s.projectId }, s.userId)).toMatchObject({ created: 0, updated: 0, withdrawn: 0 });
    expect(auditActions().filter((a) => a === 'review.item.create')).toHaveLength(3);
  });

  it('withdraws the item of a command the reviewer deleted, and restores it when the delete is undone', async () => {
    const { items } = await queue();
    const b = item(items, 'inspect', 2960);
    await call(s.core, 'behavior.edit', { sessionId: b.sessionId, action: 'delete', commandId: 3 }, s.userId);
    expect(await call<SyncCounts>(s.core, 'review.sync', { projectId: s.projectId }, s.userId)).toMatchObject({ withdrawn: 1, items: 2 });
    expect((await queue()).items.map((i) => i.id)).not.toContain(b.id);
    expect((await queue({ includeWithdrawn: true })).items.find((i) => i.id === b.id)?.withdrawn).toBe(true);
    await call(s.core, 'behavior.edit', { sessionId: b.sessionId, action: 'undo' }, s.userId);
    expect(await call<SyncCounts>(s.core, 'review.sync', { projectId: s.projectId }, s.userId)).toMatchObject({ restored: 1, items: 3 });
  });

  it('serves the slide thumbnail with the box, the region at its magnification and the high-power crop', async () => {
    const a = item((await queue()).items, 'inspect', 1040);
    const path = (url: string) => url.replace(/^\/res\//, '').replace(/\?.*$/, '');
    const region = await s.core.resource(path(a.images.region!));
    expect(region.status).toBe(200);
    expect(region.headers['Content-Type']).toBe('image/jpeg');
    // 800 × 600 level-0 px of a 20× scan, at 10×: 400 × 300.
    expect(await sharp(region.body as Buffer).metadata()).toMatchObject({ width: 400, height: 300, format: 'jpeg' });
    const hp = await s.core.resource(path(a.images.highPower[0]));
    // 200 × 150 px at 40× of a 20× scan: never finer than the scan itself.
    expect(await sharp(hp.body as Buffer).metadata()).toMatchObject({ width: 200, height: 150 });
    const thumb = await s.core.resource(path(a.images.thumbnail));
    expect((await sharp(thumb.body as Buffer).metadata()).width).toBe(768);
    expect((await s.core.resource(`review/items/${a.id}/high/5.jpg`)).status).toBe(404);
    expect((await s.core.resource('review/items/9999/region.jpg')).status).toBe(404);
  });
});

describe('drafting and reviewing', () => {
  it('drafts every item with the built-in backend from measured facts, labelled with backend and model version', async () => {
    const r = await call<DraftResult>(s.core, 'review.draft', { projectId: s.projectId }, s.userId);
    expect(r).toMatchObject({ drafted: 3, skipped: 0, failed: [], backend: 'builtin', modelName: 'sightline-templates', modelVersion: 'templates-1' });
    const { items } = await queue();
    for (const it of items) {
      expect(it.draft).toMatchObject({ backend: 'builtin', backendVersion: '1.0.0', modelVersion: 'templates-1' });
      expect(Object.keys(it.draft!.fields)).toEqual(it.fields);
      for (const f of it.fields) expect(it.draft!.fields[f].length).toBeGreaterThan(20);
    }
    const a = item(items, 'inspect', 1040);
    expect(a.draft!.fields.why).toContain('Examined at 10× for 3.0 s at [1040, 780, 1840, 1380]');
    expect(a.draft!.fields.highPower).toContain('At 40× (2.0 s)');
    expect(a.facts.find((f) => f.label === 'Tissue')?.value).toMatch(/^\d+%$/);
    expect(item(items, 'impression').draft!.fields.impression).toContain('2 regions were inspected and 1 checked at high power');
    // Drafting again only drafts what has no draft.
    expect(await call<DraftResult>(s.core, 'review.draft', { projectId: s.projectId }, s.userId)).toMatchObject({ drafted: 0, skipped: 3 });
  });

  it('stores accept, edit and reject with timings, keystrokes and edit distances per field', async () => {
    const { items } = await queue();
    const a = item(items, 'inspect', 1040);
    const b = item(items, 'inspect', 2960);
    const imp = item(items, 'impression');
    const accepted = await call<ReviewItem>(s.core, 'review.submit', { itemId: a.id, draftId: a.draft!.id, mode: 'review', decision: 'accept', final: a.draft!.fields, elapsedMs: 4200, keystrokes: {} }, s.userId);
    expect(accepted.review).toMatchObject({ decision: 'accept', elapsedMs: 4200, editDistance: { why: 0, findings: 0, highPower: 0 }, reviewerName: 'Ada Lovelace', backend: 'builtin', modelVersion: 'templates-1' });
    // "Accept" with changed text is an edit.
    const edited = { ...b.draft!.fields, findings: `${b.draft!.fields.findings} Crypts preserved.` };
    const e = await call<ReviewItem>(s.core, 'review.submit', { itemId: b.id, draftId: b.draft!.id, mode: 'review', decision: 'accept', final: edited, elapsedMs: 9000, keystrokes: { findings: 19 } }, s.userId);
    expect(e.review).toMatchObject({ decision: 'edit', editDistance: { why: 0, findings: 18 }, keystrokes: { why: 0, findings: 19 } });
    const r = await call<ReviewItem>(s.core, 'review.submit', { itemId: imp.id, draftId: imp.draft!.id, mode: 'review', decision: 'reject', final: imp.draft!.fields, elapsedMs: 1500 }, s.userId);
    expect(r.review?.decision).toBe('reject');
    expect((await queue({ status: 'pending' })).items).toHaveLength(0);
    expect(auditActions().filter((x) => x === 'review.submit')).toHaveLength(3);
  });

  it('refuses reviews that cannot be right, keeping what was stored', async () => {
    const a = item((await queue()).items, 'inspect', 1040);
    const base = { itemId: a.id, draftId: a.draft!.id, mode: 'review', decision: 'accept', final: a.draft!.fields, elapsedMs: 1000 };
    expect((await failure(s.core, 'review.submit', { ...base, draftId: a.draft!.id + 100 }, s.userId)).code).toBe('CONFLICT');
    expect((await failure(s.core, 'review.submit', { ...base, final: { ...a.draft!.fields, impression: 'x' } }, s.userId)).message).toContain('not impression');
    expect((await failure(s.core, 'review.submit', base, null)).code).toBe('FORBIDDEN');
    expect((await failure(s.core, 'review.submit', { ...base, mode: 'manual' }, s.userId)).code).toBe('INVALID_INPUT');
    expect((await failure(s.core, 'review.submit', { ...base, itemId: 999 }, s.userId)).code).toBe('NOT_FOUND');
    expect((await failure(s.core, 'review.submit', { ...base, elapsedMs: -1 }, s.userId)).code).toBe('INVALID_INPUT');
    expect(item((await queue()).items, 'inspect', 1040).review?.decision).toBe('accept');
  });

  it('records manual-mode reviews from empty fields as the baseline, and shows both modes per reviewer on the dashboard', async () => {
    const { items } = await queue();
    const b = item(items, 'inspect', 2960);
    const written = { why: 'Brown membranous staining here.', findings: 'Strong DAB in glands.' };
    const m = await call<ReviewItem>(s.core, 'review.submit', { itemId: b.id, draftId: null, mode: 'manual', decision: 'accept', final: written, elapsedMs: 30_000, keystrokes: { why: 40, findings: 25 } }, ben);
    expect(m.review).toMatchObject({ mode: 'manual', decision: 'edit', draftId: null, backend: null, editDistance: { why: written.why.length, findings: written.findings.length }, reviewerName: 'Ben Okafor' });
    expect((await failure(s.core, 'review.submit', { itemId: b.id, draftId: null, mode: 'manual', decision: 'accept', final: { why: '', findings: ' ' }, elapsedMs: 10 }, ben)).code).toBe('INVALID_INPUT');
    const d = await call<ReviewDashboard>(s.core, 'review.dashboard', { projectId: s.projectId });
    expect(d.items).toEqual({ total: 3, drafted: 3, reviewed: 3, pending: 0 });
    // The latest review of each item counts: Ada's accept and reject in review mode, Ben's manual write-up.
    expect(d.overall.review).toMatchObject({ items: 2, medianMs: (4200 + 1500) / 2, accepted: 1, rejected: 1, acceptanceRate: 0.5 });
    expect(d.overall.manual).toMatchObject({ items: 1, medianMs: 30_000, edited: 1 });
    expect(d.speedup).toBeCloseTo(30_000 / 2850);
    expect(d.reviewers.map((r) => [r.reviewerName, r.review.items, r.manual.items])).toEqual([
      ['Ada Lovelace', 2, 0],
      ['Ben Okafor', 0, 1],
    ]);
  });

  it('starts the draft of a similar region from its accepted rationale', async () => {
    const a = item((await queue()).items, 'inspect', 1040);
    const added = await call<{ created: number; itemIds: number[] }>(
      s.core,
      'review.addProposals',
      { slideId: s.slides[0].slideId, model: { name: 'roi-proposer', version: '1.0.0' }, proposals: [{ box: a.box, score: 0.9, confidence: 0.4, abstain: true }] },
      s.userId,
    );
    expect(added.created).toBe(1);
    const again = await call<{ created: number; existing: number }>(
      s.core,
      'review.addProposals',
      { slideId: s.slides[0].slideId, model: { name: 'roi-proposer', version: '1.0.0' }, proposals: [{ box: a.box, score: 0.9, confidence: 0.4, abstain: true }] },
      s.userId,
    );
    expect(again).toMatchObject({ created: 0, existing: 1 });
    await call(s.core, 'review.draft', { projectId: s.projectId, itemIds: added.itemIds }, s.userId);
    const p = await call<ReviewItem>(s.core, 'review.get', { itemId: added.itemIds[0] });
    expect(p.model).toMatchObject({ name: 'roi-proposer', abstain: true, uncertainty: 0.6 });
    expect(p.draft!.retrievedFrom?.itemId).toBe(a.id);
    expect(p.draft!.retrievedFrom!.similarity).toBeGreaterThan(0.999);
    expect(p.draft!.fields.why).toBe(a.review!.final.why);
    // Ordered by uncertainty, the abstaining proposal comes first.
    expect((await queue({ order: 'uncertainty' })).items[0].id).toBe(p.id);
    expect((await failure(s.core, 'review.addProposals', { slideId: s.slides[0].slideId, model: { name: 'm', version: '1' }, proposals: [{ box: [0, 0, 99_999, 10] }] }, s.userId)).code).toBe('INVALID_INPUT');
  });

  it('flags names on the project list, dates and record numbers in reviewed text', async () => {
    await call(s.core, 'review.setIdentifierNames', { projectId: s.projectId, names: ['Jane Doe', ' Jane  Doe ', 'Roe'] }, s.userId);
    expect(await call(s.core, 'review.identifierNames', { projectId: s.projectId })).toEqual({ names: ['Jane Doe', 'Roe'] });
    const a = item((await queue()).items, 'inspect', 1040);
    const r = await call<ReviewItem>(
      s.core,
      'review.submit',
      { itemId: a.id, draftId: a.draft!.id, mode: 'review', decision: 'edit', final: { ...a.draft!.fields, why: 'As in Mrs Doe’s biopsy of 12/03/2021 (S21-12345).' }, elapsedMs: 5000 },
      s.userId,
    );
    expect(r.flags.map((f) => [f.field, f.kind, f.text])).toEqual([
      ['why', 'name', 'Doe'],
      ['why', 'date', '12/03/2021'],
      ['why', 'record-number', 'S21-12345'],
    ]);
  });
});
