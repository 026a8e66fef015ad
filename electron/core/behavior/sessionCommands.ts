import type { Database } from 'better-sqlite3';
import { resolveBehaviorConfig, type BehaviorConfig } from '../../../shared/behavior';
import type { SessionCommands } from '../../../shared/contract';
import { getSession, slideHeaderOf, toSession, type SessionRow } from '../recording/sessionRows';
import { derivedCommands } from './derivedCommands';
import { listEdits } from './editRows';
import { applyEdits } from './effectiveCommands';

export function commandsOfSession(db: Database, row: SessionRow, config: BehaviorConfig): SessionCommands {
  const slide = slideHeaderOf(row);
  const derived = derivedCommands(db, row, config);
  const edits = listEdits(db, row.id);
  return {
    session: toSession(row),
    slide: { width: slide.width, height: slide.height },
    config,
    derived,
    effective: applyEdits(derived, edits, config),
    edits,
  };
}

/** A session's derived and effective commands (NOT_FOUND for an unknown or deleted session). */
export function sessionCommands(db: Database, sessionId: number, config?: BehaviorConfig): SessionCommands {
  return commandsOfSession(db, getSession(db, sessionId), config ?? resolveBehaviorConfig());
}
