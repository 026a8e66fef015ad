import type { Database } from 'better-sqlite3';
import type { RecordingSession } from '../../../shared/contract';
import { parseNavigationJsonl, type LineError } from '../../../shared/navigation';
import { appendAudit } from '../audit/audit';
import { CoreError } from '../errors';
import { insertBatchRecord, insertEvents } from './appendBatch';
import { requireActor } from './sessionLifecycle';
import { getSession, toSession } from './sessionRows';
import { findSlide } from './slideHeader';

export interface ImportErrorDetails {
  /** The first invalid lines (1-based numbers), at most 100. */
  errors: LineError[];
  /** How many lines were invalid in all. */
  errorCount: number;
}

function describeLineErrors(errors: LineError[], errorCount: number): string {
  const first = errors[0];
  const more = errorCount - 1;
  const others = errors.slice(1, 6).map((e) => e.line);
  const tail = more > 0 ? ` (and ${more} more invalid line${more === 1 ? '' : 's'}: ${others.join(', ')}${more > others.length ? ', …' : ''})` : '';
  return `Line ${first.line}: ${first.message}${tail}. Nothing was imported.`;
}

/**
 * Imports a JSON Lines session onto a library slide as an ended session of the acting profile. Every line is
 * validated first, and everything is stored in one transaction: a bad line means nothing is stored.
 */
export function importSession(db: Database, slideId: number, jsonl: string, actorId: number | null): RecordingSession {
  const userId = requireActor(db, actorId, 'importing a session');
  const slide = findSlide(db, slideId);
  const parsed = parseNavigationJsonl(jsonl);
  if (!parsed.ok) {
    const details: ImportErrorDetails = { errors: parsed.errors, errorCount: parsed.errorCount };
    throw new CoreError('INVALID_INPUT', describeLineErrors(parsed.errors, parsed.errorCount), details);
  }
  const { slide: header, events } = parsed.session;
  if (slide.width != null && slide.height != null && (header.width !== slide.width || header.height !== slide.height)) {
    throw new CoreError(
      'INVALID_INPUT',
      `Line 1: the file describes a ${header.width} × ${header.height} px slide, but "${slide.name}" is ${slide.width} × ${slide.height} px: its coordinates would not match. Nothing was imported.`,
    );
  }
  return db.transaction(() => {
    const now = Date.now();
    const iso = new Date(now).toISOString();
    const lastT = events.length ? events[events.length - 1].t : 0;
    const id = Number(
      db
        .prepare(
          `INSERT INTO sessions (slide_id, user_id, status, source, started_at, started_at_ms, ended_at, last_t, event_count, last_batch_seq, slide_header)
           VALUES (?, ?, 'ended', 'imported', ?, ?, ?, ?, ?, 0, ?)`,
        )
        .run(slideId, userId, iso, now, iso, lastT, events.length, JSON.stringify(header)).lastInsertRowid,
    );
    insertEvents(db, id, 0, events);
    insertBatchRecord(db, id, 0, 0, events);
    const session = toSession(getSession(db, id));
    appendAudit(db, { actorId: userId, action: 'import', entity: 'session', entityId: id, after: { ...session, slide: header } });
    return session;
  })();
}
