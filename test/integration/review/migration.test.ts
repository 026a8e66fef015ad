import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/store/migrate';
import { tempDir } from '../../support/tempCore';

const MIGRATION = 6;

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
  `);
}

const addItem = (db: Database.Database, key: string, kind = 'inspect', box: string | null = '[0,0,10,10]') =>
  db
    .prepare("INSERT INTO review_items (project_id, case_id, slide_id, kind, source, source_key, box, created_at, updated_at) VALUES (1, 1, 1, ?, 'behavior', ?, ?, 'now', 'now')")
    .run(kind, key, box);

describe(`migration ${MIGRATION}: review`, () => {
  it('adds review items, drafts, reviews and settings to a schema at the version before, keeping its rows', () => {
    const db = dbAt(MIGRATION - 1);
    seed(db);
    migrate(db, MIGRATION);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATION);
    expect(db.prepare('SELECT COUNT(*) AS n FROM slides').get()).toEqual({ n: 1 });
    addItem(db, 'a');
    db.prepare("INSERT INTO review_drafts (item_id, backend, backend_version, model_name, model_version, fields, created_at) VALUES (1, 'builtin', '1', 'm', '1', '{}', 'now')").run();
    db.prepare(
      "INSERT INTO reviews (item_id, draft_id, reviewer_id, mode, decision, final, elapsed_ms, keystrokes, edit_distance, created_at) VALUES (1, 1, 1, 'review', 'accept', '{}', 10, '{}', '{}', 'now')",
    ).run();
    expect(db.prepare('SELECT decision FROM reviews').get()).toEqual({ decision: 'accept' });
  });

  it('keeps drafts and reviews append-only and items never removed, each item tied to one region source', () => {
    const db = dbAt(MIGRATION);
    seed(db);
    addItem(db, 'a');
    expect(() => addItem(db, 'a')).toThrow(/UNIQUE/);
    expect(() => addItem(db, 'b', 'impression', '[0,0,1,1]')).toThrow(/CHECK/);
    expect(() => addItem(db, 'c', 'inspect', null)).toThrow(/CHECK/);
    addItem(db, 'd', 'impression', null);
    expect(() => db.prepare('DELETE FROM review_items').run()).toThrow(/never removed/);
    expect(() => db.prepare('UPDATE review_items SET slide_id = 2').run()).toThrow(/never changes/);
    db.prepare("UPDATE review_items SET withdrawn_at = 'now' WHERE id = 1").run();
    db.prepare("INSERT INTO review_drafts (item_id, backend, backend_version, model_name, model_version, fields, created_at) VALUES (1, 'builtin', '1', 'm', '1', '{}', 'now')").run();
    expect(() => db.prepare("UPDATE review_drafts SET fields = '{\"why\":\"x\"}'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM review_drafts').run()).toThrow(/append-only/);
    db.prepare(
      "INSERT INTO reviews (item_id, reviewer_id, mode, decision, final, elapsed_ms, keystrokes, edit_distance, created_at) VALUES (1, 1, 'manual', 'edit', '{}', 0, '{}', '{}', 'now')",
    ).run();
    expect(() => db.prepare("UPDATE reviews SET decision = 'reject'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM reviews').run()).toThrow(/append-only/);
    expect(() =>
      db.prepare("INSERT INTO reviews (item_id, reviewer_id, mode, decision, final, elapsed_ms, keystrokes, edit_distance, created_at) VALUES (1, 1, 'review', 'maybe', '{}', 0, '{}', '{}', 'now')").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO reviews (item_id, reviewer_id, mode, decision, final, elapsed_ms, keystrokes, edit_distance, created_at) VALUES (1, 99, 'review', 'accept', '{}', 0, '{}', '{}', 'now')").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('allows one settings row and never changes a project secret', () => {
    const db = dbAt(MIGRATION);
    seed(db);
    db.prepare("INSERT INTO drafting_settings (id, updated_at) VALUES (1, 'now')").run();
    expect(() => db.prepare("INSERT INTO drafting_settings (id, updated_at) VALUES (2, 'now')").run()).toThrow(/CHECK/);
    expect(db.prepare('SELECT backend, timeout_ms, retries FROM drafting_settings').get()).toEqual({ backend: 'builtin', timeout_ms: 60000, retries: 2 });
    db.prepare("INSERT INTO project_deid (project_id, secret, updated_at) VALUES (1, ?, 'now')").run('a'.repeat(64));
    db.prepare("UPDATE project_deid SET names = '[\"Jane Doe\"]'").run();
    expect(() => db.prepare('UPDATE project_deid SET secret = ?').run('b'.repeat(64))).toThrow(/never changes/);
  });
});
