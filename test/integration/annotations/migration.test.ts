import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/store/migrate';
import { tempDir } from '../../support/tempCore';

const MIGRATION = 5;

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

const addClass = (db: Database.Database, name: string, colour = '#ff0000', shortcut: number | null = null) =>
  db.prepare("INSERT INTO annotation_classes (project_id, name, colour, shortcut, created_at) VALUES (1, ?, ?, ?, 'now')").run(name, colour, shortcut);
const addAnnotation = (db: Database.Database) =>
  db
    .prepare(
      `INSERT INTO annotations (slide_id, kind, geometry, min_x, min_y, max_x, max_y, created_at, updated_at) VALUES (1, 'point', '{"type":"point","x":1,"y":2}', 1, 2, 1, 2, 'now', 'now')`,
    )
    .run();

describe(`migration ${MIGRATION}: annotations`, () => {
  it('adds annotation classes and annotations to a schema at the version before, keeping its rows', () => {
    const db = dbAt(MIGRATION - 1);
    seed(db);
    migrate(db, MIGRATION);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATION);
    expect(db.prepare('SELECT COUNT(*) AS n FROM slides').get()).toEqual({ n: 1 });
    addClass(db, 'Tumour', '#ff0000', 1);
    addAnnotation(db);
    expect(db.prepare('SELECT version, deleted, class_id FROM annotations').get()).toEqual({ version: 1, deleted: 0, class_id: null });
  });

  it('keeps class names unique per project in any letter case, shortcuts unique and within 1–9, colours as #rrggbb', () => {
    const db = dbAt(MIGRATION);
    seed(db);
    addClass(db, 'Tumour', '#ff0000', 1);
    expect(() => addClass(db, 'TUMOUR')).toThrow(/UNIQUE/);
    expect(() => addClass(db, 'Stroma', '#00ff00', 1)).toThrow(/UNIQUE/);
    expect(() => addClass(db, 'Stroma', '#00ff00', 10)).toThrow(/CHECK/);
    expect(() => addClass(db, 'Stroma', '#00FF00')).toThrow(/CHECK/);
    expect(() => addClass(db, 'Stroma', 'green')).toThrow(/CHECK/);
    addClass(db, 'Stroma', '#00ff00', null);
    addClass(db, 'Necrosis', '#000000', null);
  });

  it('never removes an annotation, requires every change to bump the version, and fixes slide, author and creation', () => {
    const db = dbAt(MIGRATION);
    seed(db);
    addAnnotation(db);
    expect(() => db.prepare('DELETE FROM annotations').run()).toThrow(/never removed/);
    expect(() => db.prepare("UPDATE annotations SET description = 'x'").run()).toThrow(/bump its version/);
    db.prepare("UPDATE annotations SET description = 'x', version = version + 1").run();
    expect(() => db.prepare("UPDATE annotations SET created_at = 'later', version = version + 1").run()).toThrow(/never change/);
    expect(() => db.prepare('UPDATE annotations SET slide_id = 2, version = version + 1').run()).toThrow(/never change/);
    expect(() => db.prepare("INSERT INTO annotations (slide_id, kind, geometry, min_x, min_y, max_x, max_y, created_at, updated_at) VALUES (99, 'point', '{}', 0, 0, 0, 0, 'now', 'now')").run()).toThrow(
      /FOREIGN KEY/,
    );
  });
});
