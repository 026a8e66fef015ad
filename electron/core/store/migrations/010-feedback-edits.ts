import type { Database } from 'better-sqlite3';

const PLAYBACK = `'open', 'play', 'pause', 'seek', 'rate', 'ended', 'loop', 'close'`;
const EDITS = `'instance.create', 'instance.update', 'instance.delete', 'instance.accept', 'instance.reject', 'instance.transcript',
  'console.create', 'console.update', 'console.delete', 'vocabulary.update'`;

/**
 * Feedback edits become events of the annotator's video session, and "no trainee response" becomes a label of its own.
 *
 * video_events is rebuilt (SQLite cannot widen a CHECK): besides the playback actions the player sends in numbered
 * batches, it now holds one row per change to an instance, a console interval or a vocabulary, written by the core
 * in the transaction of the change and pointing at its audit row. Edit rows have no batch; their session is the
 * player session the change was made in (NULL when made outside a player, e.g. by a script), and their video is
 * NULL only for a vocabulary change made outside a video session. Existing playback rows keep their order.
 *
 * feedback_instances.no_trainee_response: the annotator looked and the trainee did not respond. Until now an empty
 * response list meant both "none" and "not labelled yet"; rows stored before keep the second meaning.
 */
export function migrate010(db: Database): void {
  db.exec(`
    ALTER TABLE feedback_instances ADD COLUMN no_trainee_response INTEGER NOT NULL DEFAULT 0
      CHECK (no_trainee_response IN (0, 1) AND (no_trainee_response = 0 OR trainee_responses = '[]'));

    CREATE TABLE video_events_010 (
      id INTEGER PRIMARY KEY,
      session TEXT,
      batch_seq INTEGER CHECK (batch_seq >= 0),
      idx INTEGER CHECK (idx >= 0),
      video_id INTEGER,
      user_id INTEGER REFERENCES users(id),
      at_ms INTEGER NOT NULL,
      type TEXT NOT NULL CHECK (type IN (${PLAYBACK}, ${EDITS})),
      position_ms INTEGER CHECK (position_ms >= 0),
      from_ms INTEGER,
      value REAL,
      entity TEXT CHECK (entity IN ('feedback_instance', 'console_interval', 'feedback_vocabulary')),
      entity_id INTEGER,
      audit_id INTEGER REFERENCES audit(id),
      CHECK (CASE WHEN type IN (${PLAYBACK})
        THEN session IS NOT NULL AND batch_seq IS NOT NULL AND idx IS NOT NULL AND video_id IS NOT NULL AND position_ms IS NOT NULL AND entity IS NULL AND audit_id IS NULL
        ELSE batch_seq IS NULL AND idx IS NULL AND entity IS NOT NULL AND entity_id IS NOT NULL AND audit_id IS NOT NULL
          AND (video_id IS NOT NULL OR entity = 'feedback_vocabulary') END)
    );
    INSERT INTO video_events_010 (session, batch_seq, idx, video_id, user_id, at_ms, type, position_ms, from_ms, value)
      SELECT session, batch_seq, idx, video_id, user_id, at_ms, type, position_ms, from_ms, value FROM video_events ORDER BY at_ms, session, batch_seq, idx;
    DROP TABLE video_events;
    ALTER TABLE video_events_010 RENAME TO video_events;
    CREATE UNIQUE INDEX video_events_batch ON video_events(session, batch_seq, idx) WHERE batch_seq IS NOT NULL;
    CREATE INDEX video_events_video ON video_events(video_id, at_ms);
    CREATE INDEX video_events_session ON video_events(session);
    CREATE TRIGGER video_events_no_update BEFORE UPDATE ON video_events
      BEGIN SELECT RAISE(ABORT, 'video session events are append-only'); END;
    CREATE TRIGGER video_events_no_delete BEFORE DELETE ON video_events
      BEGIN SELECT RAISE(ABORT, 'video session events are append-only'); END;
  `);
}
