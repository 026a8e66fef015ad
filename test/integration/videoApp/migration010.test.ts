import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/store/migrate';
import { tempDir } from '../../support/tempCore';

describe('migration 010 (feedback edits as session events, explicit "no trainee response")', () => {
  it('keeps the playback events of a schema at version 9 in order, and takes edit events that point at their audit row', () => {
    const db = new Database(join(tempDir(), 'test.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, 9);
    db.exec(`
      INSERT INTO users (name, role, created_at) VALUES ('Ada', 'surgical-trainer', 'now');
      INSERT INTO projects (name, created_at) VALUES ('P', 'now');
      INSERT INTO cases (project_id, name, created_at) VALUES (1, 'C', 'now');
      INSERT INTO videos (case_id, path, name, size, sha256, format, added_at) VALUES (1, '/v.mp4', 'v.mp4', 10, 'abc', 'mp4', 'now');
      INSERT INTO feedback_instances (video_id, annotator_id, start_ms, end_ms, speaker, trainee_responses, source, created_at, updated_at)
        VALUES (1, 1, 0, 100, 'trainer', '["behavioral_adjustment"]', 'manual', 'now', 'now'), (1, 1, 200, 300, 'trainer', '[]', 'manual', 'now', 'now');
      INSERT INTO video_events (session, batch_seq, idx, video_id, user_id, at_ms, type, position_ms, value)
        VALUES ('s1', 1, 0, 1, 1, 20, 'pause', 900, NULL), ('s1', 0, 0, 1, 1, 10, 'play', 0, NULL), ('s1', 0, 1, 1, 1, 15, 'rate', 400, 2);
      INSERT INTO audit (at, actor_id, action, entity, entity_id, prev_hash, hash) VALUES ('now', 1, 'create', 'feedback_instance', '1', '0', '1');
    `);
    migrate(db, 10);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare('SELECT type, position_ms, value FROM video_events ORDER BY id').all()).toEqual([
      { type: 'play', position_ms: 0, value: null },
      { type: 'rate', position_ms: 400, value: 2 },
      { type: 'pause', position_ms: 900, value: null },
    ]);
    // Earlier instances with no response listed stay unlabelled; "none" must now be said.
    expect(db.prepare('SELECT id, no_trainee_response FROM feedback_instances ORDER BY id').all()).toEqual([
      { id: 1, no_trainee_response: 0 },
      { id: 2, no_trainee_response: 0 },
    ]);
    db.prepare('UPDATE feedback_instances SET no_trainee_response = 1 WHERE id = 2').run();
    expect(() => db.prepare('UPDATE feedback_instances SET no_trainee_response = 1 WHERE id = 1').run()).toThrow(/CHECK/);

    const edit = db.prepare('INSERT INTO video_events (session, video_id, user_id, at_ms, type, position_ms, entity, entity_id, audit_id) VALUES (?, ?, 1, 30, ?, ?, ?, ?, ?)');
    edit.run('s1', 1, 'instance.create', 1200, 'feedback_instance', 1, 1);
    edit.run(null, null, 'vocabulary.update', null, 'feedback_vocabulary', 1, 1);
    // An edit names its entity and audit row; a playback event comes in a batch; only a vocabulary change may lack a video.
    expect(() => edit.run('s1', 1, 'instance.update', null, 'feedback_instance', 1, null)).toThrow(/CHECK/);
    expect(() => edit.run('s1', null, 'console.create', null, 'console_interval', 1, 1)).toThrow(/CHECK/);
    expect(() => edit.run('s1', 1, 'instance.dance', null, 'feedback_instance', 1, 1)).toThrow(/CHECK/);
    expect(() => edit.run('s1', 1, 'instance.create', null, 'feedback_instance', 1, 99)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO video_events (session, video_id, at_ms, type, position_ms) VALUES ('s1', 1, 40, 'play', 0)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO video_events (session, batch_seq, idx, video_id, at_ms, type, position_ms) VALUES ('s1', 0, 1, 1, 40, 'play', 0)").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare('UPDATE video_events SET at_ms = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM video_events').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM video_events').get()).toEqual({ n: 5 });
    db.close();
  });
});
