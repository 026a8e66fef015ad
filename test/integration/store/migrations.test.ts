import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, SchemaTooNewError } from '../../../electron/core/store/migrate';
import { LATEST_SCHEMA_VERSION, migrations } from '../../../electron/core/store/migrations';
import { tempDir } from '../../support/tempCore';

function freshDb(): Database.Database {
  return new Database(join(tempDir(), 'test.db'));
}
const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
const columns = (db: Database.Database, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
const version = (db: Database.Database) => db.pragma('user_version', { simple: true });

describe('migrations', () => {
  it('001 creates users, projects and cases, with unique names', () => {
    const db = freshDb();
    migrate(db, 1);
    expect(version(db)).toBe(1);
    expect(tables(db)).toEqual(['cases', 'projects', 'users']);
    db.prepare("INSERT INTO users (name, role, created_at) VALUES ('Ada', 'pathologist', 'now')").run();
    expect(() => db.prepare("INSERT INTO users (name, role, created_at) VALUES ('ADA', 'annotator', 'now')").run()).toThrow(/UNIQUE/);
  });

  it('002 adds slides and videos to a schema at version 1, keeping its rows', () => {
    const db = freshDb();
    migrate(db, 1);
    db.prepare("INSERT INTO projects (name, created_at) VALUES ('P', 'now')").run();
    migrate(db, 2);
    expect(version(db)).toBe(2);
    expect(columns(db, 'slides')).toEqual(expect.arrayContaining(['case_id', 'path', 'sha256', 'format', 'width', 'height', 'mpp_x', 'mpp_y', 'objective']));
    expect(columns(db, 'videos')).toEqual(expect.arrayContaining(['case_id', 'path', 'sha256', 'duration_ms']));
    expect(db.prepare('SELECT COUNT(*) AS n FROM projects').get()).toEqual({ n: 1 });
  });

  it('003 adds an append-only audit table', () => {
    const db = freshDb();
    migrate(db, 2);
    migrate(db, 3);
    expect(version(db)).toBe(3);
    db.prepare("INSERT INTO audit (at, action, entity, prev_hash, hash) VALUES ('now', 'a', 'e', 'p', 'h')").run();
    expect(() => db.prepare("UPDATE audit SET action = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
  });

  it('runs every pending migration and is a no-op when up to date', () => {
    const db = freshDb();
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(migrations.length).toBe(LATEST_SCHEMA_VERSION);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('leaves the schema untouched when a migration fails half-way', () => {
    const db = freshDb();
    migrate(db, 1);
    db.exec('CREATE TABLE slides (x INTEGER)');
    expect(() => migrate(db, 2)).toThrow();
    expect(version(db)).toBe(1);
    expect(tables(db)).not.toContain('videos');
  });

  it('refuses a database written by a newer Sightline, with a message that says so', () => {
    const db = freshDb();
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
    expect(() => migrate(db)).toThrow(/newer Sightline/);
  });
});
