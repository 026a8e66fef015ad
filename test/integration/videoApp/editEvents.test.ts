import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConsoleIntervalRow, StoredEditEvent, StoredVideoEvent, VideoInstance } from '../../../shared/contract';
import { DEFAULT_FEEDBACK_VOCABULARY } from '../../../shared/feedback/schema';
import { feedbackVideoPath } from '../../fixtures/video/feedbackVideo';
import { call } from '../../support/tempCore';
import { failure, videoSetup, type AuditRow } from './setup';

interface AuditById extends AuditRow {
  id: number;
}

/** Every audit row by id, read with a second connection as an auditor would. */
function auditById(dataDir: string): Map<number, AuditById> {
  const db = new Database(join(dataDir, 'sightline.db'), { readonly: true });
  try {
    return new Map((db.prepare('SELECT id, action, entity, entity_id, actor_id, before, after FROM audit').all() as AuditById[]).map((r) => [r.id, r]));
  } finally {
    db.close();
  }
}

const edits = async (core: Parameters<typeof call>[0], videoId: number) => call<StoredEditEvent[]>(core, 'video.events.list', { videoId, kinds: 'edits' });

describe('feedback changes as events of the annotator’s video session', () => {
  it('records each create, update and delete of an instance and of a console interval as a session event beside its audit row', async () => {
    const { core, dataDir, videoId, userId } = await videoSetup();
    const session = { id: 'b7e1c0de-0001', videoId };
    await call(core, 'video.events.append', { videoId, session: session.id, seq: 0, events: [{ type: 'play', atMs: Date.now() - 5000, positionMs: 0 }] }, userId);

    const inst = await call<VideoInstance>(core, 'video.instances.create', { videoId, startMs: 1500, endMs: 5060, session: { ...session, positionMs: 5060 } }, userId);
    await call(core, 'video.instances.update', { id: inst.id, categories: ['anatomic'], session: { ...session, positionMs: 5100 } }, userId);
    await call(core, 'video.instances.delete', { id: inst.id, session }, userId);
    const ci = await call<ConsoleIntervalRow>(core, 'video.console.create', { videoId, startMs: 0, endMs: 6000, speaker: 'trainee', session }, userId);
    await call(core, 'video.console.update', { id: ci.id, endMs: 5900, session }, userId);
    await call(core, 'video.console.delete', { id: ci.id, session }, userId);

    const events = await edits(core, videoId);
    expect(events.map((e) => [e.type, e.entity, e.entityId])).toEqual([
      ['instance.create', 'feedback_instance', inst.id],
      ['instance.update', 'feedback_instance', inst.id],
      ['instance.delete', 'feedback_instance', inst.id],
      ['console.create', 'console_interval', ci.id],
      ['console.update', 'console_interval', ci.id],
      ['console.delete', 'console_interval', ci.id],
    ]);
    expect(events.every((e) => e.session === session.id && e.userId === userId)).toBe(true);
    expect(events.slice(0, 2).map((e) => e.positionMs)).toEqual([5060, 5100]);
    // Each event points at the audit row of the same change, which holds what it was before and after.
    const audit = auditById(dataDir);
    const actions = events.map((e) => {
      const a = audit.get(e.auditId)!;
      expect(a).toMatchObject({ entity: e.entity, entity_id: String(e.entityId), actor_id: userId });
      return a.action;
    });
    expect(actions).toEqual(['create', 'update', 'delete', 'create', 'update', 'delete']);
    expect(JSON.parse(audit.get(events[1].auditId)!.after!)).toMatchObject({ categories: ['anatomic'] });
    expect(JSON.parse(audit.get(events[5].auditId)!.before!)).toMatchObject({ startMs: 0, endMs: 5900, speaker: 'trainee' });
    expect(new Set([...audit.values()].filter((a) => a.entity === 'feedback_instance' || a.entity === 'console_interval').map((a) => a.id))).toEqual(new Set(events.map((e) => e.auditId)));

    // The session reads as one story: the playback action, then the edits.
    const all = await call<StoredVideoEvent[]>(core, 'video.events.list', { videoId });
    expect(all.map((e) => e.type)).toEqual(['play', ...events.map((e) => e.type)]);
    expect((await call<StoredVideoEvent[]>(core, 'video.events.list', { videoId, kinds: 'playback' })).map((e) => e.type)).toEqual(['play']);
    core.close();
  });

  it('records changes made without a player session too, and reviews, transcript imports and vocabulary changes', async () => {
    const { core, dataDir, projectId, videoId, userId } = await videoSetup();
    const session = { id: 'c0ffee00-0002', videoId };
    const vtt = 'WEBVTT\n\n00:00:01.500 --> 00:00:05.000\n<v Trainer>Watch the ureter here.\n\n00:00:11.000 --> 00:00:11.900\nNow.\n';
    const a = await call<VideoInstance>(core, 'video.instances.create', { videoId, startMs: 1500, endMs: 5060 }, userId);
    const r = await call<{ filled: number; created: number }>(core, 'video.importTranscript', { videoId, text: vtt, fileName: 'case.vtt', session }, userId);
    expect(r).toMatchObject({ filled: 1, created: 1 });
    const proposal = (await call<{ instances: VideoInstance[] }>(core, 'video.instances.list', { videoId })).instances.find((i) => i.status === 'proposed')!;
    await call(core, 'video.instances.review', { id: proposal.id, decision: 'accept', session }, userId);
    const withSafety = { ...DEFAULT_FEEDBACK_VOCABULARY, categories: [...DEFAULT_FEEDBACK_VOCABULARY.categories, { key: 'safety', label: 'Safety' }] };
    await call(core, 'video.vocabulary.update', { projectId, vocabulary: withSafety, session }, userId);

    const events = await edits(core, videoId);
    expect(events.map((e) => [e.type, e.entityId, e.session])).toEqual([
      ['instance.create', a.id, null],
      ['instance.transcript', a.id, session.id],
      ['instance.create', proposal.id, session.id],
      ['instance.accept', proposal.id, session.id],
      ['vocabulary.update', projectId, session.id],
    ]);
    const audit = auditById(dataDir);
    expect(events.map((e) => audit.get(e.auditId)!.action)).toEqual(['create', 'import-transcript', 'create', 'accept', 'update']);
    core.close();
  });

  it('writes neither the event nor the audit row when the change is refused, and keeps a session to one annotator on one video', async () => {
    const { core, dataDir, projectId, videoId, userId, otherId, caseId } = await videoSetup();
    const session = { id: 'deadbeef-0003', videoId };
    const inst = await call<VideoInstance>(core, 'video.instances.create', { videoId, startMs: 0, endMs: 1000, session }, userId);
    const before = auditById(dataDir).size;
    expect((await failure(core, 'video.instances.update', { id: inst.id, categories: ['gossip'], session }, userId)).message).toMatch(/unknown category/);
    expect(await failure(core, 'video.instances.update', { id: inst.id, note: 'x', session }, otherId)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(core, 'video.instances.create', { videoId, startMs: 0, endMs: 500, session }, otherId)).toMatchObject({ code: 'CONFLICT' });
    const other = await call<{ id: number }>(core, 'files.add', { caseId, path: await feedbackVideoPath('mp4') }, userId);
    expect((await failure(core, 'video.instances.update', { id: inst.id, note: 'x', session: { id: session.id, videoId: other.id } }, userId)).message).toMatch(/session .* is a session on video/);
    expect(await failure(core, 'video.events.append', { videoId: other.id, session: session.id, seq: 0, events: [{ type: 'play', atMs: 1, positionMs: 0 }] }, userId)).toMatchObject({ code: 'CONFLICT' });
    // A vocabulary that drops a label in use is refused: nothing recorded either.
    await call(core, 'video.instances.update', { id: inst.id, categories: ['praise'] }, userId);
    const noPraise = { ...DEFAULT_FEEDBACK_VOCABULARY, categories: DEFAULT_FEEDBACK_VOCABULARY.categories.filter((c) => c.key !== 'praise') };
    expect(await failure(core, 'video.vocabulary.update', { projectId, vocabulary: noPraise, session }, userId)).toMatchObject({ code: 'CONFLICT' });
    const events = await edits(core, videoId);
    expect(events.map((e) => e.type)).toEqual(['instance.create', 'instance.update']);
    // files.add audited the added file; the one accepted edit added one more row.
    expect(auditById(dataDir).size).toBe(before + 2);
    core.close();
  });
});
