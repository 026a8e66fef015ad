import type { Database } from 'better-sqlite3';

/**
 * Surgical feedback on videos: each project's label vocabulary, feedback instances (marked by hand, proposed from
 * speech, or imported from a transcript), who is at the console, effectiveness training runs, and the annotators'
 * playback actions.
 *
 * Instances and console intervals are edited in place (every change has an audit row holding before and after).
 * A rejected proposal stays, flagged, so proposing again does not bring it back. Playback events are append-only
 * and name their video without a foreign key: they are a log of what the annotator did, not work on the video, so
 * they never keep a video in its case. feedback_motion caches the motion energy around an instance (derived from
 * the video by ffmpeg; dropped with its instance or when the instance's span changes).
 */
export function migrate008(db: Database): void {
  db.exec(`
    CREATE TABLE feedback_vocabularies (
      project_id INTEGER PRIMARY KEY REFERENCES projects(id),
      vocabulary TEXT NOT NULL,
      updated_by INTEGER REFERENCES users(id),
      updated_at TEXT NOT NULL
    );

    CREATE TABLE feedback_instances (
      id INTEGER PRIMARY KEY,
      video_id INTEGER NOT NULL REFERENCES videos(id),
      annotator_id INTEGER NOT NULL REFERENCES users(id),
      start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
      end_ms INTEGER NOT NULL CHECK (end_ms > start_ms),
      speaker TEXT NOT NULL,
      transcript TEXT NOT NULL DEFAULT '',
      categories TEXT NOT NULL DEFAULT '[]',
      trigger TEXT NOT NULL DEFAULT '',
      trainee_responses TEXT NOT NULL DEFAULT '[]',
      trainer_reaction TEXT,
      note TEXT NOT NULL DEFAULT '',
      source TEXT NOT NULL CHECK (source IN ('manual', 'vad', 'import')),
      vad_p REAL CHECK (vad_p IS NULL OR (vad_p >= 0 AND vad_p <= 1)),
      status TEXT NOT NULL DEFAULT 'accepted' CHECK (status IN ('proposed', 'accepted', 'rejected')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (source <> 'manual' OR status = 'accepted')
    );
    CREATE INDEX feedback_instances_video ON feedback_instances(video_id, annotator_id, start_ms);
    CREATE TRIGGER feedback_instances_fixed_owner BEFORE UPDATE OF video_id, annotator_id, source, created_at ON feedback_instances
      BEGIN SELECT RAISE(ABORT, 'which video an instance is on, whose it is and where it came from never change'); END;

    CREATE TABLE feedback_motion (
      instance_id INTEGER PRIMARY KEY REFERENCES feedback_instances(id) ON DELETE CASCADE,
      start_ms INTEGER NOT NULL,
      end_ms INTEGER NOT NULL,
      before REAL NOT NULL,
      after REAL NOT NULL
    );

    CREATE TABLE console_intervals (
      id INTEGER PRIMARY KEY,
      video_id INTEGER NOT NULL REFERENCES videos(id),
      annotator_id INTEGER NOT NULL REFERENCES users(id),
      start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
      end_ms INTEGER NOT NULL CHECK (end_ms > start_ms),
      speaker TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX console_intervals_video ON console_intervals(video_id, annotator_id, start_ms);

    CREATE TABLE effectiveness_runs (
      id INTEGER PRIMARY KEY,
      project_id INTEGER NOT NULL REFERENCES projects(id),
      trained_by INTEGER REFERENCES users(id),
      trained_at TEXT NOT NULL,
      model_dir TEXT NOT NULL,
      result TEXT NOT NULL
    );
    CREATE INDEX effectiveness_runs_project ON effectiveness_runs(project_id, id);
    CREATE TRIGGER effectiveness_runs_no_update BEFORE UPDATE ON effectiveness_runs
      BEGIN SELECT RAISE(ABORT, 'a training run is kept as it was'); END;

    CREATE TABLE video_events (
      session TEXT NOT NULL,
      batch_seq INTEGER NOT NULL CHECK (batch_seq >= 0),
      idx INTEGER NOT NULL CHECK (idx >= 0),
      video_id INTEGER NOT NULL,
      user_id INTEGER REFERENCES users(id),
      at_ms INTEGER NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('open', 'play', 'pause', 'seek', 'rate', 'ended', 'loop', 'close')),
      position_ms INTEGER NOT NULL CHECK (position_ms >= 0),
      from_ms INTEGER,
      value REAL,
      PRIMARY KEY (session, batch_seq, idx)
    ) WITHOUT ROWID;
    CREATE INDEX video_events_video ON video_events(video_id, at_ms);
    CREATE TABLE video_event_batches (
      session TEXT NOT NULL,
      seq INTEGER NOT NULL,
      video_id INTEGER NOT NULL,
      user_id INTEGER REFERENCES users(id),
      count INTEGER NOT NULL,
      committed_at TEXT NOT NULL,
      PRIMARY KEY (session, seq)
    ) WITHOUT ROWID;
    CREATE TRIGGER video_events_no_update BEFORE UPDATE ON video_events
      BEGIN SELECT RAISE(ABORT, 'playback events are append-only'); END;
    CREATE TRIGGER video_events_no_delete BEFORE DELETE ON video_events
      BEGIN SELECT RAISE(ABORT, 'playback events are append-only'); END;
    CREATE TRIGGER video_event_batches_no_update BEFORE UPDATE ON video_event_batches
      BEGIN SELECT RAISE(ABORT, 'playback batches are append-only'); END;
  `);
}
