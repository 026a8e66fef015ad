import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { migrate } from './migrate';

export interface OpenOptions {
  /** Where Electron keeps its own build of better-sqlite3 (its ABI differs from Node's). */
  nativeBinding?: string;
  readonly?: boolean;
}

/** Opens (and migrates) the one writer connection. */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const db = new Database(file, { nativeBinding: opts.nativeBinding, readonly: opts.readonly ?? false });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!opts.readonly) migrate(db);
  return db;
}
