import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/store/migrate';
import { tempDir } from '../../support/tempCore';

const MIGRATION = 9;

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

const COLS = 'slide_id, model_name, model_version, model_sha256, x0, y0, x1, y1, score, confidence, agreement, passes, abstain, created_at';
const insert = (db: Database.Database, values: string, extra = '', extraValues = '') =>
  db.prepare(`INSERT INTO proposals (${COLS}${extra}) VALUES (${values}${extraValues})`).run();
const GOOD = `1, 'roi-proposer', '1.0.0', 'h', 10, 20, 110, 220, 0.9, 0.6, 1, 2, 0, 'now'`;

describe(`migration ${MIGRATION}: proposals`, () => {
  it('adds proposals to a schema at the version before, keeping its rows', () => {
    const db = dbAt(MIGRATION - 1);
    seed(db);
    migrate(db, MIGRATION);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATION);
    expect(db.prepare('SELECT COUNT(*) AS n FROM slides').get()).toEqual({ n: 1 });
    insert(db, GOOD);
    expect(db.prepare('SELECT status, decided_at FROM proposals').get()).toEqual({ status: 'proposed', decided_at: null });
  });

  it('accepts only well-formed proposals, once per slide, model version and box', () => {
    const db = dbAt(MIGRATION);
    seed(db);
    insert(db, GOOD);
    expect(() => insert(db, GOOD)).toThrow(/UNIQUE/);
    insert(db, GOOD.replace("'1.0.0'", "'1.1.0'"));
    const bad = [
      GOOD.replace('10, 20, 110, 220', '110, 20, 110, 220'), // empty box
      GOOD.replace('10, 20, 110, 220', '-1, 20, 110, 220'), // outside the slide
      GOOD.replace('0.9, 0.6', '1.2, 0.6'), // score above 1
      GOOD.replace('0.9, 0.6', '0.9, -0.1'), // confidence below 0
      GOOD.replace('1, 2, 0', '1, 0, 0'), // no pass
      GOOD.replace('1, 2, 0', '1, 2, 2'), // abstain is a flag
    ];
    for (const values of bad) expect(() => insert(db, values), values).toThrow(/CHECK/);
    expect(() => insert(db, GOOD.replace('10, 20', '11, 20'), ', status', ", 'accepted'")).toThrow(/CHECK/); // a decision says when
    expect(() => insert(db, GOOD.replace('1, ', '7, '))).toThrow(/FOREIGN KEY/);
  });

  it('keeps a proposal as made, decides it once, never removes it, and keeps its slide in the library', () => {
    const db = dbAt(MIGRATION);
    seed(db);
    insert(db, GOOD);
    expect(() => db.prepare('UPDATE proposals SET score = 0.1').run()).toThrow(/kept as the model made it/);
    expect(() => db.prepare('UPDATE proposals SET x1 = 500').run()).toThrow(/kept as the model made it/);
    db.prepare("UPDATE proposals SET status = 'rejected', decided_by = 1, decided_at = 'later'").run();
    expect(() => db.prepare("UPDATE proposals SET status = 'accepted'").run()).toThrow(/decided once/);
    expect(() => db.prepare('DELETE FROM proposals').run()).toThrow(/rejections are training data/);
    expect(() => db.prepare('DELETE FROM slides').run()).toThrow(/FOREIGN KEY/);
  });
});
