import type { Database, Statement } from 'better-sqlite3';
import type { NavigationEvent } from '../../../shared/navigation';
import { CoreError, notFound } from '../errors';

export interface AppendResult {
  sessionId: number;
  seq: number;
  stored: number;
  duplicate: boolean;
}

interface SessionState {
  status: string;
  last_t: number;
  event_count: number;
  last_batch_seq: number;
}

interface BatchRow {
  count: number;
  first_t: number | null;
}

interface Statements {
  session: Statement<[number], SessionState>;
  batch: Statement<[number, number], BatchRow>;
  insertBatch: Statement<[number, number, number, number, number | null, number | null, string]>;
  advance: Statement<[number, number, number, number]>;
}

interface RowsInsert {
  stmt: Statement<unknown[]>;
  /** The statement's per-row parameters (t, type, payload of each row), refilled for every chunk. */
  args: unknown[];
}

interface Compiled {
  stmts: Statements;
  /** Multi-row INSERTs of events, by row count. */
  inserts: Map<number, RowsInsert>;
  run: (sessionId: number, seq: number, events: readonly NavigationEvent[]) => AppendResult;
}

const prepared = new WeakMap<Database, Compiled>();

/** Rows per INSERT statement: one statement per batch costs a fifth less than one per row. */
const ROWS_PER_INSERT = 200;

/**
 * The INSERT of `n` event rows. The session and the first row's index are bound once (`@s`, `@q`), each row's index
 * is `@q + i`: only t, type and the payload are bound per row, which costs less than binding all five.
 */
function rowsInsert(db: Database, n: number): RowsInsert {
  const rows = Array.from({ length: n }, (_, i) => `(@s, @q + ${i}, ?, ?, ?)`).join(', ');
  return { stmt: db.prepare(`INSERT INTO events (session_id, seq, t, type, payload) VALUES ${rows}`), args: new Array<unknown>(n * 3) };
}

/** Inserts a session's events from event index `first`, in the caller's transaction. */
export function insertEvents(db: Database, sessionId: number, first: number, events: readonly NavigationEvent[]): void {
  const c = compiled(db);
  for (let start = 0; start < events.length; start += ROWS_PER_INSERT) {
    const n = Math.min(ROWS_PER_INSERT, events.length - start);
    let insert = c.inserts.get(n);
    if (!insert) {
      insert = rowsInsert(db, n);
      c.inserts.set(n, insert);
    }
    const args = insert.args;
    for (let i = 0; i < n; i++) {
      const e = events[start + i];
      const k = i * 3;
      args[k] = e.t;
      args[k + 1] = e.type;
      args[k + 2] = JSON.stringify(e);
    }
    insert.stmt.run(args, { s: sessionId, q: first + start });
  }
}

/** Records that batch `seq` holds `count` events from event index `first`, in the caller's transaction. */
export function insertBatchRecord(db: Database, sessionId: number, seq: number, first: number, events: readonly NavigationEvent[]): void {
  const n = events.length;
  compiled(db).stmts.insertBatch.run(sessionId, seq, first, n, n ? events[0].t : null, n ? events[n - 1].t : null, new Date().toISOString());
}

function compiled(db: Database): Compiled {
  let c = prepared.get(db);
  if (c) return c;
  const stmts: Statements = {
    session: db.prepare('SELECT status, last_t, event_count, last_batch_seq FROM sessions WHERE id = ? AND deleted_at IS NULL'),
    batch: db.prepare('SELECT count, first_t FROM batches WHERE session_id = ? AND seq = ?'),
    insertBatch: db.prepare('INSERT INTO batches (session_id, seq, first_event, count, first_t, last_t, committed_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    advance: db.prepare('UPDATE sessions SET last_t = ?, event_count = ?, last_batch_seq = ? WHERE id = ?'),
  };
  const run = db.transaction((sessionId: number, seq: number, events: readonly NavigationEvent[]): AppendResult => appendInTransaction(db, stmts, sessionId, seq, events));
  c = { stmts, inserts: new Map(), run };
  prepared.set(db, c);
  return c;
}

function appendInTransaction(db: Database, stmts: Statements, sessionId: number, seq: number, events: readonly NavigationEvent[]): AppendResult {
  const s = stmts.session.get(sessionId);
  if (!s) throw notFound('Recording session', sessionId);
  const done = stmts.batch.get(sessionId, seq);
  if (done) {
    const sameFirst = events.length === 0 ? done.first_t === null : done.first_t === events[0].t;
    if (done.count !== events.length || !sameFirst) {
      throw new CoreError('CONFLICT', `Batch ${seq} of session ${sessionId} was already stored with different events (${done.count} events); a retried batch must be sent unchanged.`);
    }
    return { sessionId, seq, stored: done.count, duplicate: true };
  }
  if (s.status !== 'recording') {
    throw new CoreError('CONFLICT', `Session ${sessionId} is no longer recording (it is ${s.status}); start a new session to record more.`);
  }
  if (seq <= s.last_batch_seq) {
    throw new CoreError('INVALID_INPUT', `Batch ${seq} arrived after batch ${s.last_batch_seq}: batches must be sent in the order of their numbers.`);
  }
  let prev = s.last_t;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.type === 'end') throw new CoreError('INVALID_INPUT', `Batch ${seq} holds an end event (event ${i}): a session is ended with recording.end, not by appending.`);
    if (e.t < prev) {
      throw new CoreError(
        'INVALID_INPUT',
        i === 0
          ? `Batch ${seq} starts at t=${e.t} ms, before the session's last stored event (t=${prev} ms): event times must never go backwards.`
          : `Event ${i} of batch ${seq} has t=${e.t} ms, before the event before it (t=${prev} ms): event times must never go backwards.`,
      );
    }
    prev = e.t;
  }
  insertEvents(db, sessionId, s.event_count, events);
  insertBatchRecord(db, sessionId, seq, s.event_count, events);
  stmts.advance.run(prev, s.event_count + events.length, seq, sessionId);
  return { sessionId, seq, stored: events.length, duplicate: false };
}

/**
 * Stores one batch in one transaction; returns once it is committed (better-sqlite3 is synchronous). A batch number
 * already stored is acknowledged again (duplicate: true) without storing anything.
 */
export function appendBatch(db: Database, sessionId: number, seq: number, events: readonly NavigationEvent[]): AppendResult {
  return compiled(db).run(sessionId, seq, events);
}
