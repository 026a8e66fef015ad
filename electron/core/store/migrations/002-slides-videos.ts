import type { Database } from 'better-sqlite3';

export function migrate002(db: Database): void {
  db.exec(`
    CREATE TABLE slides (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      path TEXT NOT NULL,
      name TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      format TEXT NOT NULL,
      width INTEGER,
      height INTEGER,
      mpp_x REAL,
      mpp_y REAL,
      objective REAL,
      managed INTEGER NOT NULL DEFAULT 0,
      added_by INTEGER REFERENCES users(id),
      added_at TEXT NOT NULL,
      UNIQUE (case_id, sha256)
    );
    CREATE TABLE videos (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      path TEXT NOT NULL,
      name TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      format TEXT NOT NULL,
      duration_ms INTEGER,
      width INTEGER,
      height INTEGER,
      managed INTEGER NOT NULL DEFAULT 0,
      added_by INTEGER REFERENCES users(id),
      added_at TEXT NOT NULL,
      UNIQUE (case_id, sha256)
    );
    CREATE INDEX slides_case ON slides(case_id);
    CREATE INDEX videos_case ON videos(case_id);
  `);
}
