import type { Database } from 'better-sqlite3';

/**
 * Slide annotations and the project's annotation classes.
 *
 * Geometry is JSON in level-0 pixels (shared/annotations/geometry.ts); its bounding box is kept beside it for
 * queries by region. Annotations are never removed, only flagged deleted (so undoing a delete restores the row and
 * its id), and every change bumps `version`, which updates must quote (optimistic concurrency).
 */
export function migrate005(db: Database): void {
  db.exec(`
    CREATE TABLE annotation_classes (
      id INTEGER PRIMARY KEY,
      project_id INTEGER NOT NULL REFERENCES projects(id),
      name TEXT NOT NULL COLLATE NOCASE,
      colour TEXT NOT NULL CHECK (length(colour) = 7 AND colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
      shortcut INTEGER CHECK (shortcut BETWEEN 1 AND 9),
      sort_order INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      UNIQUE (project_id, name)
    );
    CREATE UNIQUE INDEX annotation_classes_shortcut ON annotation_classes(project_id, shortcut) WHERE shortcut IS NOT NULL;

    CREATE TABLE annotations (
      id INTEGER PRIMARY KEY,
      slide_id INTEGER NOT NULL REFERENCES slides(id),
      class_id INTEGER REFERENCES annotation_classes(id),
      kind TEXT NOT NULL,
      geometry TEXT NOT NULL,
      min_x REAL NOT NULL,
      min_y REAL NOT NULL,
      max_x REAL NOT NULL,
      max_y REAL NOT NULL,
      name TEXT NOT NULL DEFAULT '',
      description TEXT NOT NULL DEFAULT '',
      author_id INTEGER REFERENCES users(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
      version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
    );
    CREATE INDEX annotations_slide ON annotations(slide_id, deleted);
    CREATE INDEX annotations_class ON annotations(class_id);

    CREATE TRIGGER annotations_no_delete BEFORE DELETE ON annotations
      BEGIN SELECT RAISE(ABORT, 'annotations are flagged deleted, never removed (so a delete can be undone)'); END;
    CREATE TRIGGER annotations_version_grows BEFORE UPDATE ON annotations
      WHEN NEW.version <= OLD.version
      BEGIN SELECT RAISE(ABORT, 'every change to an annotation must bump its version'); END;
    CREATE TRIGGER annotations_fixed_identity BEFORE UPDATE OF slide_id, author_id, created_at ON annotations
      BEGIN SELECT RAISE(ABORT, 'the slide, author and creation time of an annotation never change'); END;
  `);
}
