import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/store/migrate';
import { tempDir } from '../../support/tempCore';

const MIGRATION = 7;

function dbAt(version: number): Database.Database {
  const db = new Database(join(tempDir(), 'test.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  return db;
}

function seed(db: Database.Database): void {
  db.exec(`
    INSERT INTO users (name, role, created_at) VALUES ('Ada', 'pathologist', 'now');
    INSERT INTO projects (name, created_at) VALUES ('Study', 'now');
    INSERT INTO cases (project_id, name, created_at) VALUES (1, 'Case', 'now');
    INSERT INTO slides (case_id, path, name, size, sha256, format, added_at) VALUES (1, '/s.svs', 's.svs', 1, 'abc', 'aperio-svs', 'now');
    INSERT INTO sessions (slide_id, user_id, status, started_at, started_at_ms, slide_header) VALUES (1, 1, 'ended', 'now', 0, '{}');
  `);
}

const SNAPSHOT = '{"id":1}';
const insert = (db: Database.Database, cols: string, values: string) => db.prepare(`INSERT INTO command_edits (session_id, author_id, created_at, ${cols}) VALUES (1, 1, 'now', ${values})`).run();

describe(`migration ${MIGRATION}: command edits`, () => {
  it('adds command_edits to a schema at the version before, keeping its rows', () => {
    const db = dbAt(MIGRATION - 1);
    seed(db);
    migrate(db, MIGRATION);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATION);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 1 });
    insert(db, 'action, command_id, derived', `'delete', 1, '${SNAPSHOT}'`);
    expect(db.prepare('SELECT action, reverted FROM command_edits').get()).toEqual({ action: 'delete', reverted: 0 });
  });

  it('accepts only well-formed edits: a target for delete and redraw, a box where one is needed, boxes with x0 < x1 and y0 < y1', () => {
    const db = dbAt(MIGRATION);
    seed(db);
    insert(db, 'action, x0, y0, x1, y1, kind, magnification', `'add', 0, 0, 10, 10, 'peek', 40`);
    insert(db, 'action, command_id, derived, x0, y0, x1, y1', `'redraw', 2, '${SNAPSHOT}', 0, 0, 10, 10`);
    insert(db, 'action, added_id, x0, y0, x1, y1', `'redraw', 1, 0, 0, 10, 10`);
    insert(db, 'action, added_id', `'delete', 1`);
    const bad: Array<[string, string]> = [
      ['action, x0, y0, x1, y1, kind', `'add', 0, 0, 10, 10, 'peek'`], // no magnification
      ['action, x0, y0, x1, y1, kind, magnification, command_id, derived', `'add', 0, 0, 10, 10, 'peek', 40, 1, '${SNAPSHOT}'`], // an add has no target
      ['action, command_id, derived', `'redraw', 1, '${SNAPSHOT}'`], // no box
      ['action, command_id, derived, x0, y0, x1, y1', `'delete', 1, '${SNAPSHOT}', 0, 0, 10, 10`], // a delete has no box
      ['action', `'delete'`], // no target
      ['action, command_id, added_id, derived', `'delete', 1, 1, '${SNAPSHOT}'`], // two targets
      ['action, command_id', `'delete', 1`], // no snapshot of the derived command
      ['action, command_id, derived, x0, y0, x1, y1', `'redraw', 1, '${SNAPSHOT}', 10, 0, 10, 10`],
      ['action, command_id, derived, x0, y0, x1, y1', `'redraw', 1, '${SNAPSHOT}', 0, 10, 10, 5`],
      ['action, x0, y0, x1, y1, kind, magnification', `'add', 0, 0, 10, 10, 'glance', 40`],
      ['action, x0, y0, x1, y1, kind, magnification', `'add', 0, 0, 10, 10, 'peek', 0`],
      ['action, command_id, derived', `'rotate', 1, '${SNAPSHOT}'`],
    ];
    for (const [cols, values] of bad) expect(() => insert(db, cols, values), values).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO command_edits (session_id, author_id, created_at, action, added_id) VALUES (9, 1, 'now', 'delete', 1)").run()).toThrow(/FOREIGN KEY/);
  });

  it('keeps an edit as made: only undo changes it, once; it is removed only with its session', () => {
    const db = dbAt(MIGRATION);
    seed(db);
    insert(db, 'action, command_id, derived', `'delete', 1, '${SNAPSHOT}'`);
    expect(() => db.prepare("UPDATE command_edits SET action = 'redraw'").run()).toThrow(/kept as it was made/);
    expect(() => db.prepare('UPDATE command_edits SET author_id = 1').run()).toThrow(/kept as it was made/);
    expect(() => db.prepare('UPDATE command_edits SET reverted = 1').run()).toThrow(/CHECK/); // undo records when
    db.prepare("UPDATE command_edits SET reverted = 1, reverted_at = 'later', reverted_by = 1").run();
    expect(() => db.prepare('UPDATE command_edits SET reverted = 0, reverted_at = NULL').run()).toThrow(/undone only once/);
    expect(() => db.prepare('DELETE FROM command_edits').run()).toThrow(/removed only with their session/);
    db.exec("UPDATE sessions SET deleted_at = 'now'; DELETE FROM sessions;");
    expect(db.prepare('SELECT COUNT(*) AS n FROM command_edits').get()).toEqual({ n: 0 });
  });
});
