import type { Database } from 'better-sqlite3';
import { CLASS_PALETTE } from '../../../shared/annotations/colour';
import type { AnnotationClass } from '../../../shared/contract';
import { appendAudit } from '../audit/audit';
import type { Handlers } from '../dispatch/handlers';
import { CoreError, notFound } from '../errors';
import { ANNOTATION_SELECT, getAnnotation, getClass, listClasses, toAnnotation, type AnnotationRow } from './annotationRows';

function requireProject(db: Database, projectId: number): void {
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw notFound('Project', projectId);
}

function checkUnique(db: Database, projectId: number, name: string | undefined, shortcut: number | null | undefined, selfId: number | null): void {
  if (name !== undefined) {
    const other = db.prepare('SELECT name FROM annotation_classes WHERE project_id = ? AND name = ? AND id IS NOT ?').get(projectId, name, selfId) as { name: string } | undefined;
    if (other) throw new CoreError('CONFLICT', `This project already has a class named "${other.name}".`);
  }
  if (shortcut !== undefined && shortcut !== null) {
    const other = db.prepare('SELECT name FROM annotation_classes WHERE project_id = ? AND shortcut = ? AND id IS NOT ?').get(projectId, shortcut, selfId) as { name: string } | undefined;
    if (other) throw new CoreError('CONFLICT', `The key ${shortcut} already assigns the class "${other.name}": free it there first.`);
  }
}

/** Creates a class (no checks beyond the database's; callers check and audit). */
export function insertClass(db: Database, projectId: number, name: string, colour: string | undefined, shortcut: number | null, sortOrder: number | undefined): number {
  const count = (db.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(sort_order), -1) AS last FROM annotation_classes WHERE project_id = ?').get(projectId) as { n: number; last: number });
  return Number(
    db
      .prepare('INSERT INTO annotation_classes (project_id, name, colour, shortcut, sort_order, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(projectId, name, colour ?? CLASS_PALETTE[count.n % CLASS_PALETTE.length], shortcut, sortOrder ?? count.last + 1, new Date().toISOString()).lastInsertRowid,
  );
}

type ClassCall = 'classes.list' | 'classes.create' | 'classes.update' | 'classes.delete';

export const classesHandlers: Handlers<ClassCall> = {
  'classes.list': ({ projectId }, _ctx, { db }) => {
    requireProject(db, projectId);
    return listClasses(db, projectId);
  },

  'classes.create': ({ projectId, name, colour, shortcut, sortOrder }, ctx, { db }) => {
    requireProject(db, projectId);
    return db.transaction((): AnnotationClass => {
      checkUnique(db, projectId, name, shortcut, null);
      const id = insertClass(db, projectId, name, colour, shortcut, sortOrder);
      const created = getClass(db, id);
      appendAudit(db, { actorId: ctx.actorId, action: 'create', entity: 'annotation_class', entityId: id, after: created });
      return created;
    })();
  },

  'classes.update': ({ id, name, colour, shortcut, sortOrder }, ctx, { db }) =>
    db.transaction((): AnnotationClass => {
      const before = getClass(db, id);
      checkUnique(db, before.projectId, name, shortcut, id);
      db.prepare(
        `UPDATE annotation_classes SET name = COALESCE(?, name), colour = COALESCE(?, colour), shortcut = CASE WHEN ? THEN ? ELSE shortcut END,
         sort_order = COALESCE(?, sort_order) WHERE id = ?`,
      ).run(name ?? null, colour ?? null, shortcut !== undefined ? 1 : 0, shortcut ?? null, sortOrder ?? null, id);
      const after = getClass(db, id);
      appendAudit(db, { actorId: ctx.actorId, action: 'update', entity: 'annotation_class', entityId: id, before, after });
      return after;
    })(),

  'classes.delete': ({ id, reassignTo }, ctx, { db }) =>
    db.transaction(() => {
      const before = getClass(db, id);
      const { n: used } = db.prepare('SELECT COUNT(*) AS n FROM annotations WHERE class_id = ?').get(id) as { n: number };
      if (used > 0 && reassignTo === undefined) {
        const live = before.annotationCount;
        throw new CoreError(
          'CONFLICT',
          `The class "${before.name}" is used by ${live} annotation${live === 1 ? '' : 's'}${used > live ? ` (and ${used - live} deleted one${used - live === 1 ? '' : 's'})` : ''}: choose a class to move them to, or none.`,
          { annotationCount: live },
        );
      }
      if (reassignTo === id) throw new CoreError('INVALID_INPUT', 'A class cannot take over its own annotations as it is deleted.');
      if (reassignTo != null) {
        const target = getClass(db, reassignTo);
        if (target.projectId !== before.projectId) throw new CoreError('INVALID_INPUT', `The class "${target.name}" belongs to another project.`);
      }
      // Deleted annotations are moved too, so restoring one never points at a class that is gone.
      const users = (db.prepare(`${ANNOTATION_SELECT} WHERE a.class_id = ? ORDER BY a.id`).all(id) as AnnotationRow[]).map(toAnnotation);
      const at = new Date().toISOString();
      db.prepare('UPDATE annotations SET class_id = ?, version = version + 1, updated_at = ? WHERE class_id = ?').run(reassignTo ?? null, at, id);
      for (const a of users) {
        appendAudit(db, { actorId: ctx.actorId, action: 'update', entity: 'annotation', entityId: a.id, before: a, after: getAnnotation(db, a.id) });
      }
      db.prepare('DELETE FROM annotation_classes WHERE id = ?').run(id);
      appendAudit(db, {
        actorId: ctx.actorId,
        action: 'delete',
        entity: 'annotation_class',
        entityId: id,
        before,
        after: { reassignedTo: reassignTo ?? null, annotationIds: users.map((u) => u.id) },
      });
      return { ok: true as const, reassigned: users.length };
    })(),
};
