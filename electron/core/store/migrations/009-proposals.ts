import type { Database } from 'better-sqlite3';

/**
 * Region proposals of on-device models, one row per box a model version proposed on a slide (the same box from the
 * same model version is one row however often the model runs), with what a person decided about it.
 *
 * A proposal is kept as the model made it; its decision (accepted or rejected, by whom, when) is made once, and
 * nothing is ever removed: rejections are training data too. An accepted proposal names the review item it became.
 */
export function migrate009(db: Database): void {
  db.exec(`
    CREATE TABLE proposals (
      id INTEGER PRIMARY KEY,
      slide_id INTEGER NOT NULL REFERENCES slides(id),
      model_name TEXT NOT NULL,
      model_version TEXT NOT NULL,
      model_sha256 TEXT NOT NULL,
      x0 INTEGER NOT NULL,
      y0 INTEGER NOT NULL,
      x1 INTEGER NOT NULL,
      y1 INTEGER NOT NULL,
      score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
      confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
      agreement REAL NOT NULL CHECK (agreement >= 0 AND agreement <= 1),
      passes INTEGER NOT NULL CHECK (passes >= 1),
      abstain INTEGER NOT NULL CHECK (abstain IN (0, 1)),
      status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'rejected')),
      decided_by INTEGER REFERENCES users(id),
      decided_at TEXT,
      review_item_id INTEGER REFERENCES review_items(id),
      created_by INTEGER REFERENCES users(id),
      created_at TEXT NOT NULL,
      CHECK (x0 >= 0 AND y0 >= 0 AND x0 < x1 AND y0 < y1),
      CHECK ((status = 'proposed') = (decided_at IS NULL)),
      CHECK (review_item_id IS NULL OR status = 'accepted'),
      UNIQUE (slide_id, model_name, model_version, x0, y0, x1, y1)
    );
    CREATE INDEX proposals_slide ON proposals(slide_id, model_name, model_version);

    CREATE TRIGGER proposals_as_made BEFORE UPDATE OF id, slide_id, model_name, model_version, model_sha256, x0, y0, x1, y1, score, confidence, agreement, passes, abstain, created_by, created_at ON proposals
      BEGIN SELECT RAISE(ABORT, 'a proposal is kept as the model made it'); END;
    CREATE TRIGGER proposals_decided_once BEFORE UPDATE OF status, decided_by, decided_at, review_item_id ON proposals
      WHEN OLD.status <> 'proposed'
      BEGIN SELECT RAISE(ABORT, 'a proposal is decided once'); END;
    CREATE TRIGGER proposals_no_delete BEFORE DELETE ON proposals
      BEGIN SELECT RAISE(ABORT, 'proposals are kept (rejections are training data too)'); END;
  `);
}
