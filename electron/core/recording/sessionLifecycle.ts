import type { Database } from 'better-sqlite3';
import type { RecordingSession } from '../../../shared/contract';
import { SHUTDOWN_END_MAX_GAP_MS } from '../../../shared/recording/config';
import { appendAudit } from '../audit/audit';
import { CoreError, notFound } from '../errors';
import { insertEvents } from './appendBatch';
import { findSession, getSession, toSession, type SessionRow } from './sessionRows';
import { headerForRecording } from './slideHeader';

export function requireActor(db: Database, actorId: number | null, doing: string): number {
  if (actorId === null) throw new CoreError('INVALID_INPUT', `Choose your profile before ${doing}: every session belongs to an annotator.`);
  if (!db.prepare('SELECT 1 FROM users WHERE id = ?').get(actorId)) throw notFound('Profile', actorId);
  return actorId;
}

/** ISO time of the last acknowledged moment of a session: its start plus its last event's time. */
const lastMoment = (r: { started_at_ms: number; last_t: number }) => new Date(r.started_at_ms + r.last_t).toISOString();

function interrupt(db: Database, r: SessionRow, actorId: number | null, reason: string): void {
  const endedAt = lastMoment(r);
  db.prepare("UPDATE sessions SET status = 'interrupted', ended_at = ? WHERE id = ? AND status = 'recording'").run(endedAt, r.id);
  appendAudit(db, { actorId, action: 'interrupt', entity: 'session', entityId: r.id, before: { status: r.status }, after: { status: 'interrupted', endedAt, reason } });
}

/**
 * Sessions still marked recording when the core starts were cut short (crash, kill, power loss): they become
 * interrupted, keeping every acknowledged event. Returns how many.
 */
export function markInterruptedSessions(db: Database): number {
  const rows = db.prepare("SELECT * FROM sessions WHERE status = 'recording' AND deleted_at IS NULL").all() as SessionRow[];
  if (rows.length === 0) return 0;
  db.transaction(() => {
    for (const r of rows) interrupt(db, r, null, 'Sightline was not running any more');
  })();
  return rows.length;
}

/**
 * Re-attaches to `resumeSessionId` when it is still recording for this profile on this slide (a reload of the UI);
 * otherwise starts a new session, and sessions this profile left recording on this slide become interrupted.
 */
export function startSession(db: Database, slideId: number, actorId: number | null, resumeSessionId: number | undefined): RecordingSession {
  const userId = requireActor(db, actorId, 'recording');
  const header = headerForRecording(db, slideId);
  if (resumeSessionId !== undefined) {
    const r = findSession(db, resumeSessionId);
    if (r && r.status === 'recording' && r.user_id === userId && r.slide_id === slideId) return toSession(r);
  }
  return db.transaction(() => {
    const left = db.prepare("SELECT * FROM sessions WHERE status = 'recording' AND deleted_at IS NULL AND slide_id = ? AND user_id = ?").all(slideId, userId) as SessionRow[];
    for (const r of left) interrupt(db, r, userId, 'a new session was started on the same slide');
    const now = Date.now();
    const id = Number(
      db
        .prepare("INSERT INTO sessions (slide_id, user_id, status, source, started_at, started_at_ms, slide_header) VALUES (?, ?, 'recording', 'recorded', ?, ?, ?)")
        .run(slideId, userId, new Date(now).toISOString(), now, JSON.stringify(header)).lastInsertRowid,
    );
    const session = toSession(getSession(db, id));
    appendAudit(db, { actorId: userId, action: 'start', entity: 'session', entityId: id, after: { ...session, slide: header } });
    return session;
  })();
}

/**
 * Stores the `end` event of a session still recording at `endT` (never before its last event), marks it ended and
 * audits it, in the caller's transaction. Returns the ended session.
 */
function finish(db: Database, r: SessionRow, endT: number, endedAt: string, actorId: number, reason?: string): RecordingSession {
  const t = Math.max(endT, r.last_t);
  insertEvents(db, r.id, r.event_count, [{ type: 'end', t }]);
  db.prepare("UPDATE sessions SET status = 'ended', ended_at = ?, last_t = ?, event_count = event_count + 1 WHERE id = ?").run(endedAt, t, r.id);
  const after = toSession(getSession(db, r.id));
  appendAudit(db, { actorId, action: 'end', entity: 'session', entityId: r.id, before: { status: r.status }, after: reason ? { ...after, reason } : after });
  return after;
}

/**
 * Ends a recording session: stores an `end` event at max(t, last event's t) and marks it ended. A session that is no
 * longer recording (already ended, or interrupted) is returned unchanged, so ending twice is harmless.
 */
export function endSession(db: Database, sessionId: number, t: number, actorId: number | null): RecordingSession {
  const session = db.transaction(() => {
    const r = getSession(db, sessionId);
    if (r.status !== 'recording') return toSession(r);
    return finish(db, r, t, new Date().toISOString(), actorId ?? r.user_id);
  })();
  // Folds the session into the main database file now rather than at the next automatic checkpoint.
  db.pragma('wal_checkpoint(PASSIVE)');
  return session;
}

/**
 * A clean shutdown of the core ends every session still recording, as closing its slide would have (an `end` event,
 * status ended), so only a crash leaves sessions to be recovered as interrupted. The end is now, but no later than
 * SHUTDOWN_END_MAX_GAP_MS after the session's last stored event: a viewer still showing the slide stores an event at
 * least that often while its user is active, so a longer silence (a closed browser tab, an idle user) is not counted
 * as time on the slide. Returns how many sessions were ended.
 */
export function endOpenSessions(db: Database, now = Date.now()): number {
  const rows = db.prepare("SELECT * FROM sessions WHERE status = 'recording' AND deleted_at IS NULL").all() as SessionRow[];
  if (rows.length === 0) return 0;
  db.transaction(() => {
    for (const r of rows) {
      const endT = Math.min(Math.max(now - r.started_at_ms, r.last_t), r.last_t + SHUTDOWN_END_MAX_GAP_MS);
      finish(db, r, endT, new Date(r.started_at_ms + endT).toISOString(), r.user_id, 'Sightline was closed');
    }
  })();
  return rows.length;
}

/** Deletes a session with its events and batches (the only way they are ever removed; audited). */
export function deleteSession(db: Database, sessionId: number, actorId: number | null): void {
  db.transaction(() => {
    const r = getSession(db, sessionId);
    if (r.status === 'recording') {
      throw new CoreError('CONFLICT', `Session ${sessionId} is still recording; close the slide (or wait until it is interrupted) before deleting it.`);
    }
    const before = toSession(r);
    db.prepare('UPDATE sessions SET deleted_at = ? WHERE id = ?').run(new Date().toISOString(), sessionId);
    db.prepare('DELETE FROM events WHERE session_id = ?').run(sessionId);
    db.prepare('DELETE FROM batches WHERE session_id = ?').run(sessionId);
    db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
    appendAudit(db, { actorId, action: 'delete', entity: 'session', entityId: sessionId, before });
  })();
}
