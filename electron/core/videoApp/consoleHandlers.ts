import type { Database } from 'better-sqlite3';
import type { ConsoleIntervalRow } from '../../../shared/contract';
import { CoreError, notFound } from '../errors';
import type { Handlers } from '../dispatch/handlers';
import { auditEdit, checkSession } from './editEvents';
import { requireAnnotator, toConsoleInterval, videoContext, type ConsoleRowDb } from './instanceRows';
import { projectVocabulary } from './vocabulary';

function intervalById(db: Database, id: number): ConsoleIntervalRow {
  const r = db.prepare('SELECT * FROM console_intervals WHERE id = ?').get(id) as ConsoleRowDb | undefined;
  if (!r) throw notFound('Console interval', id);
  return toConsoleInterval(r);
}

function check(db: Database, videoId: number, startMs: number, endMs: number, speaker: string): void {
  if (!(endMs > startMs)) throw new CoreError('INVALID_INPUT', `A console interval must end after it starts (got ${startMs}–${endMs} ms).`);
  const { vocabulary } = projectVocabulary(db, videoContext(db, videoId).projectId);
  if (!vocabulary.speakers.some((s) => s.key === speaker)) {
    throw new CoreError('INVALID_INPUT', `"${speaker}" is not a speaker of the project's vocabulary (speakers: ${vocabulary.speakers.map((s) => s.key).join(', ')}).`);
  }
}

function own(db: Database, actorId: number | null, id: number): ConsoleIntervalRow {
  const me = requireAnnotator(db, actorId, 'editing console intervals');
  const row = intervalById(db, id);
  if (row.annotatorId !== me.id) throw new CoreError('FORBIDDEN', `Console interval ${id} belongs to another annotator; each annotator changes only their own.`);
  return row;
}

export const consoleHandlers: Handlers<'video.console.list' | 'video.console.create' | 'video.console.update' | 'video.console.delete'> = {
  'video.console.list': ({ videoId, annotatorId }, _ctx, { db }) => {
    videoContext(db, videoId);
    const rows =
      annotatorId === undefined
        ? db.prepare('SELECT * FROM console_intervals WHERE video_id = ? ORDER BY start_ms, id').all(videoId)
        : db.prepare('SELECT * FROM console_intervals WHERE video_id = ? AND annotator_id = ? ORDER BY start_ms, id').all(videoId, annotatorId);
    return (rows as ConsoleRowDb[]).map(toConsoleInterval);
  },

  'video.console.create': ({ videoId, startMs, endMs, speaker, session }, ctx, { db }) => {
    const me = requireAnnotator(db, ctx.actorId, 'marking who is at the console');
    check(db, videoId, startMs, endMs, speaker);
    checkSession(db, me.id, session, videoId);
    return db.transaction(() => {
      const at = new Date().toISOString();
      const id = Number(
        db
          .prepare('INSERT INTO console_intervals (video_id, annotator_id, start_ms, end_ms, speaker, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(videoId, me.id, startMs, endMs, speaker, at, at).lastInsertRowid,
      );
      const after = intervalById(db, id);
      auditEdit(db, { actorId: me.id, action: 'create', entity: 'console_interval', entityId: id, after }, { type: 'console.create', entity: 'console_interval', entityId: id, videoId, session });
      return after;
    })();
  },

  'video.console.update': ({ id, session, ...changes }, ctx, { db }) =>
    db.transaction(() => {
      const before = own(db, ctx.actorId, id);
      checkSession(db, ctx.actorId, session, before.videoId);
      const after = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as ConsoleIntervalRow;
      check(db, before.videoId, after.startMs, after.endMs, after.speaker);
      db.prepare('UPDATE console_intervals SET start_ms = ?, end_ms = ?, speaker = ?, updated_at = ? WHERE id = ?').run(after.startMs, after.endMs, after.speaker, new Date().toISOString(), id);
      auditEdit(
        db,
        { actorId: ctx.actorId, action: 'update', entity: 'console_interval', entityId: id, before, after },
        { type: 'console.update', entity: 'console_interval', entityId: id, videoId: before.videoId, session },
      );
      return after;
    })(),

  'video.console.delete': ({ id, session }, ctx, { db }) => {
    db.transaction(() => {
      const before = own(db, ctx.actorId, id);
      checkSession(db, ctx.actorId, session, before.videoId);
      db.prepare('DELETE FROM console_intervals WHERE id = ?').run(id);
      auditEdit(
        db,
        { actorId: ctx.actorId, action: 'delete', entity: 'console_interval', entityId: id, before },
        { type: 'console.delete', entity: 'console_interval', entityId: id, videoId: before.videoId, session },
      );
    })();
    return { ok: true as const };
  },
};
