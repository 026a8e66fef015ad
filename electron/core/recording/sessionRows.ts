import type { Database } from 'better-sqlite3';
import type { RecordingSession, SessionStatus } from '../../../shared/contract';
import type { SlideHeader } from '../../../shared/navigation';
import { notFound } from '../errors';

export interface SessionRow {
  id: number;
  slide_id: number;
  user_id: number;
  user_name: string;
  status: SessionStatus;
  source: 'recorded' | 'imported';
  started_at: string;
  started_at_ms: number;
  ended_at: string | null;
  last_t: number;
  event_count: number;
  last_batch_seq: number;
  slide_header: string;
}

/** Live sessions only: a session flagged for deletion is gone for every caller. */
export const SESSION_SELECT = `SELECT s.id, s.slide_id, s.user_id, u.name AS user_name, s.status, s.source, s.started_at, s.started_at_ms,
  s.ended_at, s.last_t, s.event_count, s.last_batch_seq, s.slide_header
  FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.deleted_at IS NULL`;

export const toSession = (r: SessionRow): RecordingSession => ({
  id: r.id,
  slideId: r.slide_id,
  userId: r.user_id,
  userName: r.user_name,
  status: r.status,
  source: r.source,
  startedAt: r.started_at,
  startedAtMs: r.started_at_ms,
  endedAt: r.ended_at,
  eventCount: r.event_count,
  lastT: r.last_t,
  lastBatchSeq: r.last_batch_seq,
});

export const slideHeaderOf = (r: SessionRow): SlideHeader => JSON.parse(r.slide_header) as SlideHeader;

export function findSession(db: Database, id: number): SessionRow | undefined {
  return db.prepare(`${SESSION_SELECT} AND s.id = ?`).get(id) as SessionRow | undefined;
}

export function getSession(db: Database, id: number): SessionRow {
  const row = findSession(db, id);
  if (!row) throw notFound('Recording session', id);
  return row;
}

/** How many sessions (of any status) were recorded on a slide: a slide with sessions cannot be removed from the library. */
export function sessionsOnSlide(db: Database, slideId: number): number {
  return db.prepare('SELECT COUNT(*) FROM sessions WHERE slide_id = ? AND deleted_at IS NULL').pluck().get(slideId) as number;
}
