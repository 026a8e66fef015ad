import type { Database } from 'better-sqlite3';
import { deriveCommands, type BehaviorCommand, type BehaviorConfig } from '../../../shared/behavior';
import { readEvents } from '../recording/readSession';
import { slideHeaderOf, type SessionRow } from '../recording/sessionRows';

const MAX_CACHED = 32;
const caches = new WeakMap<Database, Map<string, BehaviorCommand[]>>();

/**
 * The commands the pipeline derives from a session's stored events. Deriving is deterministic, so results are kept
 * per session, config and stored-event count (a session still recording gets new events, hence a new key).
 */
export function derivedCommands(db: Database, session: SessionRow, config: BehaviorConfig): BehaviorCommand[] {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${session.id}|${session.started_at_ms}|${session.event_count}|${session.last_batch_seq}|${JSON.stringify(config)}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const commands = deriveCommands({ slide: slideHeaderOf(session), events: readEvents(db, session.id) }, config);
  cache.set(key, commands);
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return commands;
}
