import type { Database } from 'better-sqlite3';
import type { EditSession, VideoAnnotator, VideoInstance } from '../../../shared/contract';
import type { FeedbackSource, FeedbackVocabulary } from '../../../shared/feedback/schema';
import { CoreError, notFound } from '../errors';
import type { Handlers } from '../dispatch/handlers';
import { auditEdit, checkSession } from './editEvents';
import { INSTANCE_SELECT, instanceById, requireAnnotator, toInstance, videoContext, type InstanceRow } from './instanceRows';
import { assertLabels, projectVocabulary } from './vocabulary';

export interface NewInstance {
  startMs: number;
  endMs: number;
  speaker?: string;
  transcript?: string;
  categories?: string[];
  trigger?: string;
  traineeResponses?: string[];
  noTraineeResponse?: boolean;
  trainerReaction?: string | null;
  note?: string;
  source: FeedbackSource;
  vadP?: number | null;
  status?: 'proposed' | 'accepted';
}

/** The speaker an instance gets when none is said: the vocabulary's first trainer. */
export function defaultSpeaker(v: FeedbackVocabulary): string {
  return (v.speakers.find((s) => s.role === 'trainer') ?? v.speakers[0]).key;
}

function checkSpan(startMs: number, endMs: number): void {
  if (!(endMs > startMs)) throw new CoreError('INVALID_INPUT', `An instance must end after it starts (got ${startMs}–${endMs} ms).`);
}

const dedupe = (xs: string[]) => [...new Set(xs)];

/**
 * "No response" and a listed response exclude each other: a change to one clears the other; asking for both is an
 * error.
 */
function responses(current: { traineeResponses: string[]; noTraineeResponse: boolean }, change: { traineeResponses?: string[]; noTraineeResponse?: boolean }) {
  const list = change.traineeResponses === undefined ? current.traineeResponses : dedupe(change.traineeResponses);
  if (change.noTraineeResponse === true && change.traineeResponses?.length) {
    throw new CoreError('INVALID_INPUT', 'An instance cannot have both trainee responses and "no response".');
  }
  if (change.noTraineeResponse === true) return { traineeResponses: [], noTraineeResponse: true };
  if (change.noTraineeResponse === false) return { traineeResponses: list, noTraineeResponse: false };
  return { traineeResponses: list, noTraineeResponse: list.length ? false : current.noTraineeResponse };
}

/** Inserts one instance with its audit row and session event; call inside a transaction. */
export function insertInstance(db: Database, actorId: number, videoId: number, n: NewInstance, v: FeedbackVocabulary, session?: EditSession): VideoInstance {
  checkSpan(n.startMs, n.endMs);
  const fields = {
    speaker: n.speaker ?? defaultSpeaker(v),
    categories: dedupe(n.categories ?? []),
    ...responses({ traineeResponses: [], noTraineeResponse: false }, n),
    trainerReaction: n.trainerReaction ?? null,
  };
  assertLabels(fields, v);
  checkSession(db, actorId, session, videoId);
  const at = new Date().toISOString();
  const id = Number(
    db
      .prepare(
        `INSERT INTO feedback_instances (video_id, annotator_id, start_ms, end_ms, speaker, transcript, categories, trigger, trainee_responses,
           no_trainee_response, trainer_reaction, note, source, vad_p, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        videoId,
        actorId,
        n.startMs,
        n.endMs,
        fields.speaker,
        n.transcript ?? '',
        JSON.stringify(fields.categories),
        n.trigger ?? '',
        JSON.stringify(fields.traineeResponses),
        fields.noTraineeResponse ? 1 : 0,
        fields.trainerReaction,
        n.note ?? '',
        n.source,
        n.vadP ?? null,
        n.status ?? 'accepted',
        at,
        at,
      ).lastInsertRowid,
  );
  const created = instanceById(db, id);
  auditEdit(db, { actorId, action: 'create', entity: 'feedback_instance', entityId: id, after: created }, { type: 'instance.create', entity: 'feedback_instance', entityId: id, videoId, session });
  return created;
}

function ownInstance(db: Database, actorId: number | null, id: number, doing: string): VideoInstance {
  const me = requireAnnotator(db, actorId, doing);
  const inst = instanceById(db, id);
  if (inst.annotatorId !== me.id) {
    throw new CoreError('FORBIDDEN', `Instance ${id} is ${inst.annotatorName}'s: each annotator changes only their own instances (agreement compares them).`);
  }
  return inst;
}

export function listInstances(db: Database, videoId: number, opts: { annotatorId?: number; includeRejected?: boolean; acceptedOnly?: boolean } = {}): VideoInstance[] {
  const where = ['f.video_id = ?'];
  const args: unknown[] = [videoId];
  if (opts.annotatorId !== undefined) {
    where.push('f.annotator_id = ?');
    args.push(opts.annotatorId);
  }
  if (opts.acceptedOnly) where.push("f.status = 'accepted'");
  else if (!opts.includeRejected) where.push("f.status <> 'rejected'");
  return (db.prepare(`${INSTANCE_SELECT} WHERE ${where.join(' AND ')} ORDER BY f.start_ms, f.end_ms, f.id`).all(...args) as InstanceRow[]).map(toInstance);
}

export function videoAnnotators(db: Database, videoId: number): VideoAnnotator[] {
  return db
    .prepare(
      `SELECT u.id, u.name, SUM(f.status = 'accepted') AS instances, SUM(f.status = 'proposed') AS proposals
       FROM feedback_instances f JOIN users u ON u.id = f.annotator_id WHERE f.video_id = ? AND f.status <> 'rejected'
       GROUP BY u.id ORDER BY u.name COLLATE NOCASE`,
    )
    .all(videoId) as VideoAnnotator[];
}

export const instancesHandlers: Handlers<'video.instances.list' | 'video.instances.create' | 'video.instances.update' | 'video.instances.delete' | 'video.instances.review'> = {
  'video.instances.list': ({ videoId, annotatorId, includeRejected }, _ctx, { db }) => {
    videoContext(db, videoId);
    return { instances: listInstances(db, videoId, { annotatorId, includeRejected }), annotators: videoAnnotators(db, videoId) };
  },

  'video.instances.create': ({ videoId, session, ...fields }, ctx, { db }) => {
    const me = requireAnnotator(db, ctx.actorId, 'marking feedback');
    const video = videoContext(db, videoId);
    const { vocabulary } = projectVocabulary(db, video.projectId);
    return db.transaction(() => insertInstance(db, me.id, videoId, { ...fields, source: 'manual' }, vocabulary, session))();
  },

  'video.instances.update': ({ id, session, ...changes }, ctx, { db }) =>
    db.transaction(() => {
      const before = ownInstance(db, ctx.actorId, id, 'editing feedback');
      checkSession(db, ctx.actorId, session, before.videoId);
      const after = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as VideoInstance;
      after.categories = dedupe(after.categories);
      Object.assign(after, responses(before, changes));
      checkSpan(after.startMs, after.endMs);
      const { vocabulary } = projectVocabulary(db, videoContext(db, before.videoId).projectId);
      assertLabels(after, vocabulary);
      const same = (['startMs', 'endMs', 'speaker', 'transcript', 'trigger', 'trainerReaction', 'note', 'noTraineeResponse'] as const).every((k) => after[k] === before[k]) &&
        JSON.stringify(after.categories) === JSON.stringify(before.categories) &&
        JSON.stringify(after.traineeResponses) === JSON.stringify(before.traineeResponses);
      if (same) return before;
      db.prepare(
        `UPDATE feedback_instances SET start_ms = ?, end_ms = ?, speaker = ?, transcript = ?, categories = ?, trigger = ?, trainee_responses = ?,
           no_trainee_response = ?, trainer_reaction = ?, note = ?, updated_at = ? WHERE id = ?`,
      ).run(
        after.startMs,
        after.endMs,
        after.speaker,
        after.transcript,
        JSON.stringify(after.categories),
        after.trigger,
        JSON.stringify(after.traineeResponses),
        after.noTraineeResponse ? 1 : 0,
        after.trainerReaction,
        after.note,
        new Date().toISOString(),
        id,
      );
      const stored = instanceById(db, id);
      auditEdit(
        db,
        { actorId: ctx.actorId, action: 'update', entity: 'feedback_instance', entityId: id, before, after: stored },
        { type: 'instance.update', entity: 'feedback_instance', entityId: id, videoId: before.videoId, session },
      );
      return stored;
    })(),

  'video.instances.delete': ({ id, session }, ctx, { db }) => {
    db.transaction(() => {
      const before = ownInstance(db, ctx.actorId, id, 'removing feedback');
      checkSession(db, ctx.actorId, session, before.videoId);
      db.prepare('DELETE FROM feedback_instances WHERE id = ?').run(id);
      auditEdit(
        db,
        { actorId: ctx.actorId, action: 'delete', entity: 'feedback_instance', entityId: id, before },
        { type: 'instance.delete', entity: 'feedback_instance', entityId: id, videoId: before.videoId, session },
      );
    })();
    return { ok: true as const };
  },

  'video.instances.review': ({ id, decision, session }, ctx, { db }) =>
    db.transaction(() => {
      const before = ownInstance(db, ctx.actorId, id, 'reviewing proposals');
      checkSession(db, ctx.actorId, session, before.videoId);
      if (before.source === 'manual') throw new CoreError('CONFLICT', `Instance ${id} was marked by hand, not proposed: delete it instead of rejecting it.`);
      const status = decision === 'accept' ? 'accepted' : 'rejected';
      if (before.status === status) return before;
      db.prepare('UPDATE feedback_instances SET status = ?, updated_at = ? WHERE id = ?').run(status, new Date().toISOString(), id);
      const after = instanceById(db, id);
      auditEdit(
        db,
        { actorId: ctx.actorId, action: decision, entity: 'feedback_instance', entityId: id, before, after },
        { type: decision === 'accept' ? 'instance.accept' : 'instance.reject', entity: 'feedback_instance', entityId: id, videoId: before.videoId, session },
      );
      return after;
    })(),
};

export function assertVideo(db: Database, videoId: number): void {
  if (!db.prepare('SELECT 1 FROM videos WHERE id = ?').get(videoId)) throw notFound('Video', videoId);
}
