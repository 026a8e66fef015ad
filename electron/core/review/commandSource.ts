import type { Database } from 'better-sqlite3';
import type { Box, CommandKind } from '../../../shared/behavior';
import { sessionCommands as behaviourOfSession } from '../behavior/sessionCommands';
import { findSession } from '../recording/sessionRows';

/** A behavioural command as the review queue needs it, keyed so that the same command keeps its item. */
export interface SourceCommand {
  key: string;
  kind: CommandKind;
  magnification: number;
  box: Box;
  start: number | null;
  duration: number | null;
  visits: number | null;
  parentKey: string | null;
}

/**
 * The effective commands of a recorded session (derived from its events, with the reviewer's deletions, redraws
 * and additions applied), in order of first visit; deleted ones are left out.
 */
export function sessionCommands(db: Database, sessionId: number): SourceCommand[] {
  if (!findSession(db, sessionId)) return [];
  return behaviourOfSession(db, sessionId)
    .effective.filter((c) => !c.deleted)
    .map((c) => ({
      key: c.key,
      kind: c.kind,
      magnification: c.magnification,
      box: c.box,
      start: c.start,
      duration: c.duration,
      visits: c.visits > 0 ? c.visits : null,
      parentKey: c.parentKey,
    }));
}
