import type { Database } from 'better-sqlite3';
import type { NavigationEvent } from '../../../shared/navigation';

/** A session's events in order, as stored (they were validated on the way in). */
export function readEvents(db: Database, sessionId: number): NavigationEvent[] {
  const payloads = db.prepare('SELECT payload FROM events WHERE session_id = ? ORDER BY seq').pluck().all(sessionId) as string[];
  return JSON.parse(`[${payloads.join(',')}]`) as NavigationEvent[];
}
