import type { Handlers } from '../dispatch/handlers';
import { findSlide } from '../recording/slideHeader';
import { SESSION_SELECT, type SessionRow } from '../recording/sessionRows';
import { resolveBehaviorConfig } from '../../../shared/behavior';
import { editCommand } from './editCommand';
import { commandsOfSession, sessionCommands } from './sessionCommands';

type BehaviorCall = 'behavior.commands' | 'behavior.edit' | 'behavior.slideCommands';

export const behaviorHandlers: Handlers<BehaviorCall> = {
  'behavior.commands': ({ sessionId, config }, _ctx, { db }) => sessionCommands(db, sessionId, config),
  'behavior.edit': (input, ctx, { db }) => editCommand(db, input, ctx.actorId),
  'behavior.slideCommands': ({ slideId, config }, _ctx, { db }) => {
    findSlide(db, slideId);
    const cfg = config ?? resolveBehaviorConfig();
    const rows = db.prepare(`${SESSION_SELECT} AND s.slide_id = ? ORDER BY s.started_at_ms DESC, s.id DESC`).all(slideId) as SessionRow[];
    return {
      slideId,
      sessions: rows.map((r) => {
        const c = commandsOfSession(db, r, cfg);
        return { session: c.session, derivedCount: c.derived.length, effective: c.effective };
      }),
    };
  },
};
