import type { Database } from 'better-sqlite3';
import type { ServerEvent } from '../../shared/contract';
import type { JobContext } from './jobs/jobs';
import type { Jobs } from './jobs/jobs';

export type Door = 'electron' | 'browser' | 'cli';

/** What every handler can reach: the one writer connection, paths, and event emission. */
export interface CoreDeps {
  db: Database;
  dataDir: string;
  filesDir: string;
  door: Door;
  version: string;
  jobs: Jobs;
  emit(e: ServerEvent): void;
}

/** Per call: who is acting, and the job's signal and progress. */
export interface CallContext extends JobContext {
  actorId: number | null;
}
