import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/store/migrate';
import { tempDir } from '../../support/tempCore';

describe('migration 004 (recording)', () => {
  it('adds sessions, events and batches to a schema at version 3, keeping its rows, with append-only triggers', () => {
    const db = new Database(join(tempDir(), 'test.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, 3);
    db.prepare("INSERT INTO users (name, role, created_at) VALUES ('Ada', 'pathologist', 'now')").run();
    db.prepare("INSERT INTO projects (name, created_at) VALUES ('P', 'now')").run();
    db.prepare("INSERT INTO cases (project_id, name, created_at) VALUES (1, 'C', 'now')").run();
    db.prepare("INSERT INTO slides (case_id, path, name, size, sha256, format, added_at) VALUES (1, '/s.svs', 's.svs', 1, 'x', 'aperio-svs', 'now')").run();
    migrate(db, 4);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT COUNT(*) FROM slides').pluck().get()).toBe(1);

    db.prepare("INSERT INTO sessions (slide_id, user_id, status, started_at, started_at_ms, slide_header) VALUES (1, 1, 'recording', 'now', 0, '{}')").run();
    db.prepare("INSERT INTO events (session_id, seq, t, type, payload) VALUES (1, 0, 0, 'blur', '{}')").run();
    db.prepare("INSERT INTO batches (session_id, seq, first_event, count, committed_at) VALUES (1, 0, 0, 1, 'now')").run();
    expect(() => db.prepare("INSERT INTO events (session_id, seq, t, type, payload) VALUES (1, 0, 1, 'blur', '{}')").run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO events (session_id, seq, t, type, payload) VALUES (2, 0, 1, 'blur', '{}')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO sessions (slide_id, user_id, status, started_at, started_at_ms, slide_header) VALUES (1, 1, 'paused', 'now', 0, '{}')").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE events SET t = 5').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE batches SET count = 5').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM sessions').run()).toThrow(/recording\.delete/);
    expect(() => db.prepare('UPDATE sessions SET user_id = 1, slide_id = 1').run()).toThrow(/never changes/);
    // Progress and status may change; the deletion flag, once set, may not be cleared.
    db.prepare("UPDATE sessions SET status = 'ended', last_t = 5, event_count = 1 WHERE id = 1").run();
    db.prepare("UPDATE sessions SET deleted_at = 'now' WHERE id = 1").run();
    expect(() => db.prepare('UPDATE sessions SET deleted_at = NULL WHERE id = 1').run()).toThrow(/stays flagged/);
    db.prepare('DELETE FROM events WHERE session_id = 1').run();
    db.prepare('DELETE FROM batches WHERE session_id = 1').run();
    db.prepare('DELETE FROM sessions WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) FROM sessions').pluck().get()).toBe(0);
    db.close();
  });
});
