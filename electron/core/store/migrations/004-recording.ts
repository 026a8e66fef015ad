import type { Database } from 'better-sqlite3';

/**
 * Navigation recording: sessions, their events and the batches they arrived in.
 *
 * Events and batches are append-only: triggers refuse every UPDATE, and refuse DELETE unless the session row was first
 * flagged for deletion (deleted_at set), which only recording.delete does, in the same transaction that then removes
 * the events, the batches and the session row. A session row can be removed only once so flagged, and the flag cannot
 * be cleared; who recorded a session, on which slide and when, never changes.
 */
export function migrate004(db: Database): void {
  db.exec(`
    CREATE TABLE sessions (
      id INTEGER PRIMARY KEY,
      slide_id INTEGER NOT NULL REFERENCES slides(id),
      user_id INTEGER NOT NULL REFERENCES users(id),
      status TEXT NOT NULL CHECK (status IN ('recording', 'ended', 'interrupted')),
      source TEXT NOT NULL DEFAULT 'recorded' CHECK (source IN ('recorded', 'imported')),
      started_at TEXT NOT NULL,
      started_at_ms INTEGER NOT NULL,
      ended_at TEXT,
      last_t REAL NOT NULL DEFAULT 0,
      event_count INTEGER NOT NULL DEFAULT 0,
      last_batch_seq INTEGER NOT NULL DEFAULT -1,
      slide_header TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX sessions_slide ON sessions(slide_id, started_at_ms);
    CREATE INDEX sessions_status ON sessions(status);

    CREATE TABLE events (
      session_id INTEGER NOT NULL REFERENCES sessions(id),
      seq INTEGER NOT NULL,
      t REAL NOT NULL,
      type TEXT NOT NULL,
      payload TEXT NOT NULL,
      PRIMARY KEY (session_id, seq)
    ) WITHOUT ROWID;

    CREATE TABLE batches (
      session_id INTEGER NOT NULL REFERENCES sessions(id),
      seq INTEGER NOT NULL,
      first_event INTEGER NOT NULL,
      count INTEGER NOT NULL,
      first_t REAL,
      last_t REAL,
      committed_at TEXT NOT NULL,
      PRIMARY KEY (session_id, seq)
    ) WITHOUT ROWID;

    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'recorded events are append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      WHEN NOT EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id AND deleted_at IS NOT NULL)
      BEGIN SELECT RAISE(ABORT, 'recorded events are append-only (only a whole session can be deleted)'); END;
    CREATE TRIGGER batches_no_update BEFORE UPDATE ON batches
      BEGIN SELECT RAISE(ABORT, 'recorded batches are append-only'); END;
    CREATE TRIGGER batches_no_delete BEFORE DELETE ON batches
      WHEN NOT EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id AND deleted_at IS NOT NULL)
      BEGIN SELECT RAISE(ABORT, 'recorded batches are append-only (only a whole session can be deleted)'); END;
    CREATE TRIGGER sessions_delete_flagged BEFORE DELETE ON sessions
      WHEN OLD.deleted_at IS NULL
      BEGIN SELECT RAISE(ABORT, 'a session is deleted only through recording.delete'); END;
    CREATE TRIGGER sessions_keep_deleted BEFORE UPDATE OF deleted_at ON sessions
      WHEN OLD.deleted_at IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'a session flagged for deletion stays flagged'); END;
    CREATE TRIGGER sessions_fixed_identity BEFORE UPDATE OF slide_id, user_id, source, started_at, started_at_ms, slide_header ON sessions
      BEGIN SELECT RAISE(ABORT, 'who recorded a session, on which slide and when, never changes'); END;
  `);
}
