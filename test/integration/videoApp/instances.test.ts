import { describe, expect, it } from 'vitest';
import type { ConsoleIntervalRow, VideoInstance } from '../../../shared/contract';
import { DEFAULT_FEEDBACK_VOCABULARY } from '../../../shared/feedback/schema';
import { call } from '../../support/tempCore';
import { auditRows, failure, videoSetup } from './setup';

type Listing = { instances: VideoInstance[]; annotators: { id: number; name: string; instances: number; proposals: number }[] };

describe('feedback instances through the core boundary', () => {
  it('marks, labels, lists, edits and removes an instance; every change is an audit row with before and after', async () => {
    const { core, dataDir, videoId, userId } = await videoSetup();
    const made = await call<VideoInstance>(core, 'video.instances.create', { videoId, startMs: 1500, endMs: 5060 }, userId);
    expect(made).toMatchObject({ videoId, annotatorId: userId, annotatorName: 'Dr. Ada Rivera', speaker: 'trainer', source: 'manual', status: 'accepted', categories: [] });
    const labelled = await call<VideoInstance>(
      core,
      'video.instances.update',
      {
        id: made.id,
        categories: ['anatomic', 'technical', 'anatomic'],
        traineeResponses: ['behavioral_adjustment'],
        trainerReaction: 'approval',
        trigger: 'approaching the ureter',
        transcript: 'Watch the ureter here.',
        note: 'clear',
      },
      userId,
    );
    expect(labelled).toMatchObject({ categories: ['anatomic', 'technical'], traineeResponses: ['behavioral_adjustment'], trainerReaction: 'approval', transcript: 'Watch the ureter here.' });
    const moved = await call<VideoInstance>(core, 'video.instances.update', { id: made.id, startMs: 1400 }, userId);
    expect(moved).toMatchObject({ startMs: 1400, endMs: 5060, categories: ['anatomic', 'technical'] });
    // Saving what is stored changes nothing and writes no audit row.
    await call(core, 'video.instances.update', { id: made.id, startMs: 1400 }, userId);
    await call(core, 'video.instances.create', { videoId, startMs: 7450, endMs: 10190, speaker: 'trainee' }, userId);
    const list = await call<Listing>(core, 'video.instances.list', { videoId });
    expect(list.instances.map((i) => [i.startMs, i.speaker])).toEqual([[1400, 'trainer'], [7450, 'trainee']]);
    expect(list.annotators).toEqual([{ id: userId, name: 'Dr. Ada Rivera', instances: 2, proposals: 0 }]);
    await call(core, 'video.instances.delete', { id: made.id }, userId);
    expect((await call<Listing>(core, 'video.instances.list', { videoId })).instances).toHaveLength(1);

    const rows = auditRows(dataDir, 'feedback_instance');
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'update', 'create', 'delete']);
    expect(JSON.parse(rows[2].before!)).toMatchObject({ startMs: 1500 });
    expect(JSON.parse(rows[2].after!)).toMatchObject({ startMs: 1400 });
    expect(JSON.parse(rows[4].before!)).toMatchObject({ id: made.id, transcript: 'Watch the ureter here.' });
    core.close();
  });

  it('refuses bad spans, unknown labels, another annotator’s instance and a missing profile with clear errors', async () => {
    const { core, videoId, userId, otherId } = await videoSetup();
    expect(await failure(core, 'video.instances.create', { videoId, startMs: 5000, endMs: 5000 }, userId)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/end after it starts/) });
    expect((await failure(core, 'video.instances.create', { videoId, startMs: 0, endMs: 10, categories: ['gossip'] }, userId)).message).toMatch(/unknown category "gossip"/);
    expect((await failure(core, 'video.instances.create', { videoId, startMs: 0, endMs: 10 }, null)).message).toMatch(/Choose your profile/);
    expect(await failure(core, 'video.instances.create', { videoId: 999, startMs: 0, endMs: 10 }, userId)).toMatchObject({ code: 'NOT_FOUND' });
    const mine = await call<VideoInstance>(core, 'video.instances.create', { videoId, startMs: 0, endMs: 1000 }, userId);
    expect(await failure(core, 'video.instances.update', { id: mine.id, note: 'mine now' }, otherId)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(core, 'video.instances.delete', { id: mine.id }, otherId)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await failure(core, 'video.instances.update', { id: mine.id, endMs: 0 }, userId)).message).toMatch(/end after it starts/);
    expect(await failure(core, 'video.instances.review', { id: mine.id, decision: 'reject' }, userId)).toMatchObject({ code: 'CONFLICT' });
    // Nothing saved was lost on the way.
    expect((await call<Listing>(core, 'video.instances.list', { videoId })).instances).toEqual([mine]);
    // A video with feedback on it stays in its case.
    expect(await failure(core, 'files.remove', { kind: 'video', id: videoId }, userId)).toMatchObject({ code: 'CONFLICT' });
    core.close();
  });

  it('keeps each project’s vocabulary, and refuses to drop a label still in use', async () => {
    const { core, dataDir, projectId, videoId, userId } = await videoSetup();
    expect(await call(core, 'video.vocabulary.get', { projectId })).toMatchObject({ isDefault: true, vocabulary: { categories: expect.arrayContaining([expect.objectContaining({ key: 'praise' })]) } });
    const withSafety = { ...DEFAULT_FEEDBACK_VOCABULARY, categories: [...DEFAULT_FEEDBACK_VOCABULARY.categories, { key: 'safety', label: 'Safety' }] };
    await call(core, 'video.vocabulary.update', { projectId, vocabulary: withSafety }, userId);
    const i = await call<VideoInstance>(core, 'video.instances.create', { videoId, startMs: 0, endMs: 900, categories: ['safety'] }, userId);
    expect(i.categories).toEqual(['safety']);
    const refused = await failure(core, 'video.vocabulary.update', { projectId, vocabulary: DEFAULT_FEEDBACK_VOCABULARY }, userId);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/unknown category "safety"/);
    const dup = { ...withSafety, categories: [...withSafety.categories, { key: 'safety', label: 'Again' }] };
    expect((await failure(core, 'video.vocabulary.update', { projectId, vocabulary: dup }, userId)).message).toMatch(/appears twice/);
    expect(await call(core, 'video.vocabulary.get', { projectId })).toMatchObject({ isDefault: false, vocabulary: withSafety });
    expect(auditRows(dataDir, 'feedback_vocabulary').map((r) => r.action)).toEqual(['update']);
    core.close();
  });

  it('stores who is at the console as audited intervals', async () => {
    const { core, dataDir, videoId, userId, otherId } = await videoSetup();
    const a = await call<ConsoleIntervalRow>(core, 'video.console.create', { videoId, startMs: 0, endMs: 6000, speaker: 'trainee' }, userId);
    await call(core, 'video.console.create', { videoId, startMs: 6000, endMs: 12080, speaker: 'trainer' }, userId);
    expect(await call<ConsoleIntervalRow>(core, 'video.console.update', { id: a.id, endMs: 5900 }, userId)).toMatchObject({ startMs: 0, endMs: 5900, speaker: 'trainee' });
    expect((await failure(core, 'video.console.create', { videoId, startMs: 0, endMs: 10, speaker: 'nurse' }, userId)).message).toMatch(/not a speaker/);
    expect(await failure(core, 'video.console.delete', { id: a.id }, otherId)).toMatchObject({ code: 'FORBIDDEN' });
    const list = await call<ConsoleIntervalRow[]>(core, 'video.console.list', { videoId });
    expect(list.map((c) => [c.startMs, c.endMs, c.speaker])).toEqual([[0, 5900, 'trainee'], [6000, 12080, 'trainer']]);
    await call(core, 'video.console.delete', { id: a.id }, userId);
    expect(auditRows(dataDir, 'console_interval').map((r) => r.action)).toEqual(['create', 'create', 'update', 'delete']);
    core.close();
  });

  it('stores playback actions in acknowledged batches; a retried batch is not stored twice', async () => {
    const { core, videoId, userId } = await videoSetup();
    const session = 'a1b2c3d4-e5f6';
    const events = [
      { type: 'open', atMs: 1000, positionMs: 0 },
      { type: 'play', atMs: 1100, positionMs: 0 },
      { type: 'rate', atMs: 1500, positionMs: 400, value: 2 },
      { type: 'seek', atMs: 2000, positionMs: 8000, fromMs: 1300 },
    ];
    expect(await call(core, 'video.events.append', { videoId, session, seq: 0, events }, userId)).toEqual({ seq: 0, stored: 4, duplicate: false });
    expect(await call(core, 'video.events.append', { videoId, session, seq: 0, events }, userId)).toEqual({ seq: 0, stored: 4, duplicate: true });
    expect(await failure(core, 'video.events.append', { videoId, session, seq: 0, events: events.slice(1) }, userId)).toMatchObject({ code: 'CONFLICT' });
    await call(core, 'video.events.append', { videoId, session, seq: 1, events: [{ type: 'pause', atMs: 2500, positionMs: 8500 }] }, userId);
    expect(await failure(core, 'video.events.append', { videoId, session, seq: 2, events: [{ type: 'dance', atMs: 1, positionMs: 0 }] }, userId)).toMatchObject({ code: 'INVALID_INPUT' });
    const stored = await call<{ type: string; positionMs: number; userId: number }[]>(core, 'video.events.list', { videoId });
    expect(stored.map((e) => e.type)).toEqual(['open', 'play', 'rate', 'seek', 'pause']);
    expect(stored[3]).toMatchObject({ positionMs: 8000, fromMs: 1300, userId });
    core.close();
  });
});
