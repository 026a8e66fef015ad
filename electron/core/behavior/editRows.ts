import type { Database } from 'better-sqlite3';
import type { BehaviorCommand, Box, CommandKind } from '../../../shared/behavior';
import type { CommandEdit, CommandEditAction } from '../../../shared/contract';

interface EditRow {
  id: number;
  session_id: number;
  command_id: number | null;
  added_id: number | null;
  action: CommandEditAction;
  x0: number | null;
  y0: number | null;
  x1: number | null;
  y1: number | null;
  kind: CommandKind | null;
  magnification: number | null;
  derived: string | null;
  author_id: number;
  author_name: string;
  created_at: string;
  reverted: number;
  reverted_at: string | null;
  reverted_by: number | null;
}

const EDIT_SELECT = `SELECT e.*, u.name AS author_name FROM command_edits e JOIN users u ON u.id = e.author_id`;

function toEdit(r: EditRow): CommandEdit {
  return {
    id: r.id,
    sessionId: r.session_id,
    action: r.action,
    derivedId: r.command_id,
    addedId: r.added_id,
    box: r.x0 === null ? null : [r.x0, r.y0!, r.x1!, r.y1!],
    kind: r.kind,
    magnification: r.magnification,
    derived: r.derived === null ? null : (JSON.parse(r.derived) as BehaviorCommand),
    authorId: r.author_id,
    authorName: r.author_name,
    createdAt: r.created_at,
    reverted: r.reverted === 1,
    revertedAt: r.reverted_at,
    revertedBy: r.reverted_by,
  };
}

/** Every edit of a session, undone ones included, oldest first. */
export function listEdits(db: Database, sessionId: number): CommandEdit[] {
  return (db.prepare(`${EDIT_SELECT} WHERE e.session_id = ? ORDER BY e.id`).all(sessionId) as EditRow[]).map(toEdit);
}

export function getEdit(db: Database, id: number): CommandEdit | null {
  const r = db.prepare(`${EDIT_SELECT} WHERE e.id = ?`).get(id) as EditRow | undefined;
  return r ? toEdit(r) : null;
}

export interface NewEdit {
  sessionId: number;
  action: CommandEditAction;
  derivedId: number | null;
  addedId: number | null;
  box: Box | null;
  kind: CommandKind | null;
  magnification: number | null;
  derived: BehaviorCommand | null;
  authorId: number;
}

export function insertEdit(db: Database, e: NewEdit): CommandEdit {
  const id = Number(
    db
      .prepare(
        `INSERT INTO command_edits (session_id, command_id, added_id, action, x0, y0, x1, y1, kind, magnification, derived, author_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        e.sessionId,
        e.derivedId,
        e.addedId,
        e.action,
        e.box?.[0] ?? null,
        e.box?.[1] ?? null,
        e.box?.[2] ?? null,
        e.box?.[3] ?? null,
        e.kind,
        e.magnification,
        e.derived === null ? null : JSON.stringify(e.derived),
        e.authorId,
        new Date().toISOString(),
      ).lastInsertRowid,
  );
  return getEdit(db, id)!;
}

export function markReverted(db: Database, id: number, by: number): CommandEdit {
  db.prepare('UPDATE command_edits SET reverted = 1, reverted_at = ?, reverted_by = ? WHERE id = ? AND reverted = 0').run(new Date().toISOString(), by, id);
  return getEdit(db, id)!;
}
