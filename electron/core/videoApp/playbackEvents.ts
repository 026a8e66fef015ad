import type { Database } from 'better-sqlite3';
import { PLAYBACK_EVENT_TYPES, type EditEventType, type PlaybackEvent, type StoredVideoEvent } from '../../../shared/contract';
import { CoreError } from '../errors';
import type { Handlers } from '../dispatch/handlers';
import { checkSession, type EditEntity } from './editEvents';
import { videoContext } from './instanceRows';

interface EventRow {
  session: string | null;
  user_id: number | null;
  at_ms: number;
  type: PlaybackEvent['type'] | EditEventType;
  position_ms: number | null;
  from_ms: number | null;
  value: number | null;
  entity: EditEntity | null;
  entity_id: number | null;
  audit_id: number | null;
}

const PLAYBACK_IN = `type IN (${PLAYBACK_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})`;

function toEvent(r: EventRow): StoredVideoEvent {
  if (r.entity !== null) {
    return {
      type: r.type as EditEventType,
      atMs: r.at_ms,
      positionMs: r.position_ms,
      entity: r.entity,
      entityId: r.entity_id as number,
      auditId: r.audit_id as number,
      userId: r.user_id,
      session: r.session,
    };
  }
  return {
    type: r.type as PlaybackEvent['type'],
    atMs: r.at_ms,
    positionMs: r.position_ms as number,
    ...(r.from_ms === null ? {} : { fromMs: r.from_ms }),
    ...(r.value === null ? {} : { value: r.value }),
    userId: r.user_id,
    session: r.session as string,
  };
}

/**
 * One batch in one transaction, acknowledged after commit. A batch number already stored for the session is
 * acknowledged again without storing it twice (the player retries a batch it got no answer for).
 */
function appendPlayback(db: Database, actorId: number | null, videoId: number, session: string, seq: number, events: PlaybackEvent[]) {
  return db.transaction(() => {
    const done = db.prepare('SELECT count, video_id FROM video_event_batches WHERE session = ? AND seq = ?').get(session, seq) as { count: number; video_id: number } | undefined;
    if (done) {
      if (done.count !== events.length || done.video_id !== videoId) {
        throw new CoreError('CONFLICT', `Playback batch ${seq} of session ${session} was already stored with other events; a retried batch must be sent unchanged.`);
      }
      return { seq, stored: done.count, duplicate: true };
    }
    checkSession(db, actorId, { id: session, videoId }, videoId);
    const insert = db.prepare('INSERT INTO video_events (session, batch_seq, idx, video_id, user_id, at_ms, type, position_ms, from_ms, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    events.forEach((e, i) => insert.run(session, seq, i, videoId, actorId, e.atMs, e.type, e.positionMs, e.fromMs ?? null, e.value ?? null));
    db.prepare('INSERT INTO video_event_batches (session, seq, video_id, user_id, count, committed_at) VALUES (?, ?, ?, ?, ?, ?)').run(session, seq, videoId, actorId, events.length, new Date().toISOString());
    return { seq, stored: events.length, duplicate: false };
  })();
}

export const playbackHandlers: Handlers<'video.events.append' | 'video.events.list'> = {
  'video.events.append': ({ videoId, session, seq, events }, ctx, { db }) => {
    videoContext(db, videoId);
    return appendPlayback(db, ctx.actorId, videoId, session, seq, events);
  },

  'video.events.list': ({ videoId, userId, kinds }, _ctx, { db }) => {
    const where = ['video_id = ?'];
    const args: unknown[] = [videoId];
    if (userId !== undefined) {
      where.push('user_id = ?');
      args.push(userId);
    }
    if (kinds === 'playback') where.push(PLAYBACK_IN);
    if (kinds === 'edits') where.push(`NOT ${PLAYBACK_IN}`);
    const sql = `SELECT session, user_id, at_ms, type, position_ms, from_ms, value, entity, entity_id, audit_id FROM video_events WHERE ${where.join(' AND ')} ORDER BY at_ms, id`;
    return (db.prepare(sql).all(...args) as EventRow[]).map(toEvent);
  },
};
