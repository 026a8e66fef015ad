import type { Database } from 'better-sqlite3';
import { migrations } from './migrations';

export class SchemaTooNewError extends Error {}

/** Runs each pending migration in its own transaction, which also sets user_version. */
export function migrate(db: Database, upTo: number = migrations.length): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new SchemaTooNewError(
      `This data was written by a newer Sightline (schema ${current}; this version knows up to ${migrations.length}). Update Sightline to open it.`,
    );
  }
  for (let v = current; v < upTo; v++) {
    const step = migrations[v];
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
