import type { Database } from 'better-sqlite3';

/**
 * Reviewer edits of behavioural commands. Commands themselves are derived from a session's events whenever they are
 * asked for and never stored, so an edit is stored as such: delete or redraw a derived command (by its id, with a
 * snapshot of the command as derived then), add one, or delete/redraw an added one (added_id: the edit that added
 * it). Undo flags an edit reverted; nothing else about an edit ever changes, and edits are removed only with their
 * session (recording.delete).
 */
export function migrate007(db: Database): void {
  db.exec(`
    CREATE TABLE command_edits (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
      command_id INTEGER CHECK (command_id IS NULL OR command_id > 0),
      added_id INTEGER,
      action TEXT NOT NULL CHECK (action IN ('delete', 'redraw', 'add')),
      x0 REAL,
      y0 REAL,
      x1 REAL,
      y1 REAL,
      kind TEXT CHECK (kind IS NULL OR kind IN ('inspect', 'peek')),
      magnification REAL CHECK (magnification IS NULL OR magnification > 0),
      derived TEXT,
      author_id INTEGER NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      reverted INTEGER NOT NULL DEFAULT 0 CHECK (reverted IN (0, 1)),
      reverted_at TEXT,
      reverted_by INTEGER REFERENCES users(id),
      CHECK ((x0 IS NULL AND y0 IS NULL AND x1 IS NULL AND y1 IS NULL) OR (x0 < x1 AND y0 < y1)),
      CHECK (CASE action
        WHEN 'add' THEN command_id IS NULL AND added_id IS NULL AND x0 IS NOT NULL AND kind IS NOT NULL AND magnification IS NOT NULL
        WHEN 'redraw' THEN (command_id IS NULL) <> (added_id IS NULL) AND x0 IS NOT NULL
        ELSE (command_id IS NULL) <> (added_id IS NULL) AND x0 IS NULL
      END),
      CHECK ((command_id IS NULL) = (derived IS NULL)),
      CHECK ((reverted = 0) = (reverted_at IS NULL))
    );
    CREATE INDEX command_edits_session ON command_edits(session_id, id);

    CREATE TRIGGER command_edits_as_made BEFORE UPDATE OF id, session_id, command_id, added_id, action, x0, y0, x1, y1, kind, magnification, derived, author_id, created_at ON command_edits
      BEGIN SELECT RAISE(ABORT, 'a command edit is kept as it was made (undo flags it reverted)'); END;
    CREATE TRIGGER command_edits_undo_once BEFORE UPDATE OF reverted, reverted_at, reverted_by ON command_edits
      WHEN OLD.reverted = 1
      BEGIN SELECT RAISE(ABORT, 'a command edit is undone only once'); END;
    CREATE TRIGGER command_edits_no_delete BEFORE DELETE ON command_edits
      WHEN EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id AND deleted_at IS NULL)
      BEGIN SELECT RAISE(ABORT, 'command edits are removed only with their session (an edit is undone, never removed)'); END;
  `);
}
