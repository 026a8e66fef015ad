import type { Database } from 'better-sqlite3';
import type { PlaybackEvent } from '../../../shared/contract';
import { CoreError } from '../errors';
import type { Handlers } from '../dispatch/handlers';
import { videoContext } from './instanceRows';

interface EventRow {
  session: string;
  user_id: number | null;
  at_ms: number;
  type: PlaybackEvent['type'];
  position_ms: number;
  from_ms: number | null;
  value: number | null;
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

  'video.events.list': ({ videoId, userId }, _ctx, { db }) => {
    const sql = `SELECT session, user_id, at_ms, type, position_ms, from_ms, value FROM video_events WHERE video_id = ?${userId === undefined ? '' : ' AND user_id = ?'}
      ORDER BY at_ms, session, batch_seq, idx`;
    const rows = (userId === undefined ? db.prepare(sql).all(videoId) : db.prepare(sql).all(videoId, userId)) as EventRow[];
    return rows.map((r) => ({
      type: r.type,
      atMs: r.at_ms,
      positionMs: r.position_ms,
      ...(r.from_ms === null ? {} : { fromMs: r.from_ms }),
      ...(r.value === null ? {} : { value: r.value }),
      userId: r.user_id,
      session: r.session,
    }));
  },
};
