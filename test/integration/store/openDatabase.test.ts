import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, WAL_CHECKPOINT_PAGES, WAL_SIZE_LIMIT_BYTES } from '../../../electron/core/store/openDatabase';
import { tempDir } from '../../support/tempCore';

describe('the database connection', () => {
  it('logs writes ahead and checkpoints them every 40 MB, after which the log file is cut back', () => {
    const file = join(tempDir(), 'sightline.db');
    const db = openDatabase(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_CHECKPOINT_PAGES);
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.exec('CREATE TABLE blobs (b BLOB)');
      const insert = db.prepare('INSERT INTO blobs VALUES (?)');
      const chunk = Buffer.alloc(256 * 1024, 7);
      // Past one checkpoint's worth of log, in small transactions as a recorder writes them.
      const chunks = Math.ceil((WAL_CHECKPOINT_PAGES * pageSize * 1.5) / chunk.length);
      for (let i = 0; i < chunks; i++) insert.run(chunk);
      const wal = statSync(`${file}-wal`).size;
      expect(wal).toBeLessThan(WAL_CHECKPOINT_PAGES * pageSize * 1.2);
      expect(wal).toBeGreaterThan(WAL_SIZE_LIMIT_BYTES);
      db.pragma('wal_checkpoint(PASSIVE)');
      insert.run(chunk);
      expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
      expect((db.prepare('SELECT COUNT(*) AS n FROM blobs').get() as { n: number }).n).toBe(chunks + 1);
    } finally {
      db.close();
    }
  });
});
