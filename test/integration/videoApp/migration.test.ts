import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/store/migrate';
import { tempDir } from '../../support/tempCore';

describe('migration 008 (feedback on videos)', () => {
  it('adds the feedback tables to a schema at version 7, keeping its rows, and guards what must not change', () => {
    const db = new Database(join(tempDir(), 'test.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, 7);
    db.exec(`
      INSERT INTO users (name, role, created_at) VALUES ('Ada', 'surgical-trainer', 'now'), ('Ben', 'annotator', 'now');
      INSERT INTO projects (name, created_at) VALUES ('P', 'now');
      INSERT INTO cases (project_id, name, created_at) VALUES (1, 'C', 'now');
      INSERT INTO videos (case_id, path, name, size, sha256, format, added_at) VALUES (1, '/v.mp4', 'v.mp4', 10, 'abc', 'mp4', 'now');
    `);
    migrate(db, 8);
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare('SELECT COUNT(*) AS n FROM videos').get()).toEqual({ n: 1 });
    const insert = (source: string, status: string, start = 0, end = 100) =>
      db
        .prepare(
          `INSERT INTO feedback_instances (video_id, annotator_id, start_ms, end_ms, speaker, source, status, created_at, updated_at) VALUES (1, 1, ?, ?, 'trainer', ?, ?, 'now', 'now')`,
        )
        .run(start, end, source, status);
    insert('manual', 'accepted');
    insert('vad', 'proposed');
    expect(() => insert('manual', 'proposed')).toThrow(/CHECK/);
    expect(() => insert('vad', 'proposed', 500, 500)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE feedback_instances SET annotator_id = 2 WHERE id = 1').run()).toThrow(/never change/);
    db.prepare("UPDATE feedback_instances SET status = 'accepted', start_ms = 10 WHERE id = 2").run();
    // Work on a video keeps it in its case; playback events do not.
    expect(() => db.prepare('DELETE FROM videos WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO video_events (session, batch_seq, idx, video_id, user_id, at_ms, type, position_ms) VALUES ('s', 0, 0, 1, 1, 5, 'play', 0)").run();
    expect(() => db.prepare('UPDATE video_events SET position_ms = 3').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM video_events').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO video_events (session, batch_seq, idx, video_id, at_ms, type, position_ms) VALUES ('s', 0, 1, 1, 5, 'dance', 0)").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO feedback_motion (instance_id, start_ms, end_ms, before, after) VALUES (1, 0, 100, 0.1, 0.2)").run();
    db.prepare('DELETE FROM feedback_instances WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM feedback_motion').get()).toEqual({ n: 0 });
    db.prepare("INSERT INTO effectiveness_runs (project_id, trained_at, model_dir, result) VALUES (1, 'now', '/m', '{}')").run();
    expect(() => db.prepare("UPDATE effectiveness_runs SET result = '[]'").run()).toThrow(/kept as it was/);
    db.close();
  });
});
