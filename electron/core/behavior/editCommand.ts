import type { Database } from 'better-sqlite3';
import { clipBox, resolveBehaviorConfig, type Box } from '../../../shared/behavior';
import type { BehaviorEditInput, CommandEdit, EffectiveCommand, SessionCommands } from '../../../shared/contract';
import { appendAudit } from '../audit/audit';
import { CoreError } from '../errors';
import { requireActor } from '../recording/sessionLifecycle';
import { getSession, slideHeaderOf } from '../recording/sessionRows';
import { getEdit, insertEdit, listEdits, markReverted } from './editRows';
import { kindFor } from './effectiveCommands';
import { commandsOfSession } from './sessionCommands';

type EditInput = BehaviorEditInput & { sessionId: number };

function clipped(box: readonly number[], width: number, height: number): Box {
  const b = clipBox(box[0], box[1], box[2], box[3], width, height);
  if (!b) throw new CoreError('INVALID_INPUT', `The box [${box.join(', ')}] lies outside the slide (${width} × ${height} px).`);
  return b;
}

function target(commands: SessionCommands, input: { sessionId: number; commandId?: number; addedId?: number }): EffectiveCommand {
  if ((input.commandId === undefined) === (input.addedId === undefined)) {
    throw new CoreError('INVALID_INPUT', 'Say which command: commandId (a derived command) or addedId (a command a reviewer added), not both.');
  }
  const key = input.commandId !== undefined ? `d${input.commandId}` : `a${input.addedId}`;
  const found = commands.effective.find((c) => c.key === key);
  if (!found) {
    const what = input.commandId !== undefined ? `Command ${input.commandId}` : `Added command ${input.addedId}`;
    throw new CoreError('NOT_FOUND', `${what} is not among the commands of session ${input.sessionId}.`);
  }
  return found;
}

/**
 * Stores one reviewer edit (or undoes one) with its audit row. Derived commands are never touched: the edit is kept
 * beside them, with a snapshot of the derived command it changes.
 */
export function editCommand(db: Database, input: EditInput, actorId: number | null): { edit: CommandEdit; commands: SessionCommands } {
  const authorId = requireActor(db, actorId, 'editing commands');
  const config = resolveBehaviorConfig();
  const edit = db.transaction((): CommandEdit => {
    const row = getSession(db, input.sessionId);
    const { width, height } = slideHeaderOf(row);
    const before = commandsOfSession(db, row, config);
    switch (input.action) {
      case 'add': {
        const e = insertEdit(db, {
          sessionId: row.id,
          action: 'add',
          derivedId: null,
          addedId: null,
          box: clipped(input.box, width, height),
          kind: input.kind ?? kindFor(input.magnification, config),
          magnification: input.magnification,
          derived: null,
          authorId,
        });
        appendAudit(db, { actorId: authorId, action: 'add', entity: 'command_edit', entityId: e.id, after: e });
        return e;
      }
      case 'delete':
      case 'redraw': {
        const t = target(before, input);
        if (t.deleted) {
          throw new CoreError('CONFLICT', `Command ${t.number} is deleted; undo the delete before ${input.action === 'delete' ? 'deleting' : 'redrawing'} it.`);
        }
        const derived = t.derivedId === null ? null : before.derived.find((c) => c.id === t.derivedId)!;
        const redraw = input.action === 'redraw' ? input : null;
        const e = insertEdit(db, {
          sessionId: row.id,
          action: input.action,
          derivedId: t.derivedId,
          addedId: t.addedId,
          box: redraw ? clipped(redraw.box, width, height) : null,
          kind: redraw ? (redraw.kind ?? (redraw.magnification !== undefined ? kindFor(redraw.magnification, config) : null)) : null,
          magnification: redraw?.magnification ?? null,
          derived,
          authorId,
        });
        appendAudit(db, { actorId: authorId, action: input.action, entity: 'command_edit', entityId: e.id, before: t, after: e });
        return e;
      }
      case 'undo': {
        let undone: CommandEdit | null;
        if (input.editId !== undefined) {
          undone = getEdit(db, input.editId);
          if (!undone || undone.sessionId !== row.id) throw new CoreError('NOT_FOUND', `Edit ${input.editId} is not an edit of session ${row.id}.`);
          if (undone.reverted) throw new CoreError('CONFLICT', `Edit ${input.editId} was already undone.`);
        } else {
          undone = listEdits(db, row.id).filter((e) => !e.reverted && e.authorId === authorId).at(-1) ?? null;
          if (!undone) throw new CoreError('CONFLICT', `Nothing to undo: you have no edits in force on session ${row.id}.`);
        }
        const after = markReverted(db, undone.id, authorId);
        appendAudit(db, { actorId: authorId, action: 'undo', entity: 'command_edit', entityId: undone.id, before: { reverted: false }, after: { reverted: true, revertedAt: after.revertedAt } });
        return after;
      }
    }
  })();
  return { edit, commands: commandsOfSession(db, getSession(db, input.sessionId), config) };
}
