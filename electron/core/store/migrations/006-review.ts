import type { Database } from 'better-sqlite3';

/**
 * The review queue: items (one per region looked at or proposed, plus one per slide for its first impression),
 * AI drafts of their rationales, and the reviews of those drafts; the drafting backend's settings; and each
 * project's de-identification secret and list of names.
 *
 * Drafts and reviews are append-only (a new draft or a new review supersedes the older one, which stays for
 * provenance). Items are never removed: when the region they came from disappears they are flagged withdrawn. An
 * item names its session without a foreign key, so deleting a recording (which withdraws its items) stays possible.
 */
export function migrate006(db: Database): void {
  db.exec(`
    CREATE TABLE review_items (
      id INTEGER PRIMARY KEY,
      project_id INTEGER NOT NULL REFERENCES projects(id),
      case_id INTEGER NOT NULL REFERENCES cases(id),
      slide_id INTEGER NOT NULL REFERENCES slides(id),
      kind TEXT NOT NULL CHECK (kind IN ('impression', 'inspect', 'peek')),
      source TEXT NOT NULL CHECK (source IN ('slide', 'behavior', 'model')),
      source_key TEXT NOT NULL UNIQUE,
      session_id INTEGER,
      command_key TEXT,
      magnification REAL,
      box TEXT,
      high_power TEXT NOT NULL DEFAULT '[]',
      duration_ms REAL,
      visits INTEGER,
      start_ms REAL,
      model_name TEXT,
      model_version TEXT,
      score REAL,
      confidence REAL,
      uncertainty REAL,
      abstain INTEGER NOT NULL DEFAULT 0 CHECK (abstain IN (0, 1)),
      ordinal INTEGER NOT NULL DEFAULT 0,
      facts TEXT,
      embedding TEXT,
      measured_box TEXT,
      withdrawn_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((kind = 'impression') = (box IS NULL))
    );
    CREATE INDEX review_items_project ON review_items(project_id, case_id, slide_id);

    CREATE TABLE review_drafts (
      id INTEGER PRIMARY KEY,
      item_id INTEGER NOT NULL REFERENCES review_items(id),
      backend TEXT NOT NULL,
      backend_version TEXT NOT NULL,
      model_name TEXT NOT NULL,
      model_version TEXT NOT NULL,
      fields TEXT NOT NULL,
      retrieved_from INTEGER REFERENCES review_items(id),
      retrieval_similarity REAL,
      created_by INTEGER REFERENCES users(id),
      created_at TEXT NOT NULL
    );
    CREATE INDEX review_drafts_item ON review_drafts(item_id, id);

    CREATE TABLE reviews (
      id INTEGER PRIMARY KEY,
      item_id INTEGER NOT NULL REFERENCES review_items(id),
      draft_id INTEGER REFERENCES review_drafts(id),
      reviewer_id INTEGER NOT NULL REFERENCES users(id),
      mode TEXT NOT NULL CHECK (mode IN ('review', 'manual')),
      decision TEXT NOT NULL CHECK (decision IN ('accept', 'edit', 'reject')),
      final TEXT NOT NULL,
      elapsed_ms INTEGER NOT NULL CHECK (elapsed_ms >= 0),
      keystrokes TEXT NOT NULL,
      edit_distance TEXT NOT NULL,
      backend TEXT,
      backend_version TEXT,
      model_name TEXT,
      model_version TEXT,
      box TEXT,
      flags TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL
    );
    CREATE INDEX reviews_item ON reviews(item_id, id);
    CREATE INDEX reviews_reviewer ON reviews(reviewer_id);

    CREATE TABLE drafting_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      backend TEXT NOT NULL DEFAULT 'builtin' CHECK (backend IN ('builtin', 'openai')),
      url TEXT NOT NULL DEFAULT '',
      model TEXT NOT NULL DEFAULT '',
      timeout_ms INTEGER NOT NULL DEFAULT 60000 CHECK (timeout_ms > 0),
      retries INTEGER NOT NULL DEFAULT 2 CHECK (retries >= 0),
      remote_confirmed_url TEXT,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE project_deid (
      project_id INTEGER PRIMARY KEY REFERENCES projects(id),
      secret TEXT NOT NULL CHECK (length(secret) = 64),
      names TEXT NOT NULL DEFAULT '[]',
      updated_at TEXT NOT NULL
    );

    CREATE TRIGGER review_drafts_no_update BEFORE UPDATE ON review_drafts
      BEGIN SELECT RAISE(ABORT, 'drafts are append-only (a new draft supersedes the old one)'); END;
    CREATE TRIGGER review_drafts_no_delete BEFORE DELETE ON review_drafts
      BEGIN SELECT RAISE(ABORT, 'drafts are append-only (a new draft supersedes the old one)'); END;
    CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
      BEGIN SELECT RAISE(ABORT, 'reviews are append-only (a new review supersedes the old one)'); END;
    CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
      BEGIN SELECT RAISE(ABORT, 'reviews are append-only (a new review supersedes the old one)'); END;
    CREATE TRIGGER review_items_no_delete BEFORE DELETE ON review_items
      BEGIN SELECT RAISE(ABORT, 'review items are withdrawn, never removed'); END;
    CREATE TRIGGER review_items_fixed_identity BEFORE UPDATE OF project_id, case_id, slide_id, kind, source, source_key ON review_items
      BEGIN SELECT RAISE(ABORT, 'what a review item is about never changes'); END;
    CREATE TRIGGER project_deid_fixed_secret BEFORE UPDATE OF secret ON project_deid
      BEGIN SELECT RAISE(ABORT, 'a project''s pseudonym secret never changes (pseudonyms stay stable across exports)'); END;
  `);
}
