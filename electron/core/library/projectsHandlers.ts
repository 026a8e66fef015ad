import { appendAudit } from '../audit/audit';
import { fromSqliteError, notFound } from '../errors';
import type { Handlers } from '../dispatch/handlers';
import { CASE_SELECT, PROJECT_SELECT, toCase, toProject, type CaseRow, type ProjectRow } from './libraryRows';

export const projectsHandlers: Handlers<'projects.list' | 'projects.create' | 'cases.list' | 'cases.create'> = {
  'projects.list': (_in, _ctx, { db }) => (db.prepare(`${PROJECT_SELECT} ORDER BY p.name COLLATE NOCASE`).all() as ProjectRow[]).map(toProject),

  'projects.create': ({ name, description }, ctx, { db }) => {
    try {
      return db.transaction(() => {
        const at = new Date().toISOString();
        const id = Number(
          db.prepare('INSERT INTO projects (name, description, created_by, created_at) VALUES (?, ?, ?, ?)').run(name, description, ctx.actorId, at).lastInsertRowid,
        );
        const project = toProject(db.prepare(`${PROJECT_SELECT} WHERE p.id = ?`).get(id) as ProjectRow);
        appendAudit(db, { actorId: ctx.actorId, action: 'create', entity: 'project', entityId: id, after: project });
        return project;
      })();
    } catch (e) {
      throw fromSqliteError(e, `A project named "${name}" already exists.`) ?? e;
    }
  },

  'cases.list': ({ projectId }, _ctx, { db }) => {
    if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw notFound('Project', projectId);
    return (db.prepare(`${CASE_SELECT} WHERE c.project_id = ? ORDER BY c.name COLLATE NOCASE`).all(projectId) as CaseRow[]).map(toCase);
  },

  'cases.create': ({ projectId, name }, ctx, { db, emit }) => {
    if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw notFound('Project', projectId);
    try {
      const created = db.transaction(() => {
        const at = new Date().toISOString();
        const id = Number(db.prepare('INSERT INTO cases (project_id, name, created_at) VALUES (?, ?, ?)').run(projectId, name, at).lastInsertRowid);
        const c = toCase(db.prepare(`${CASE_SELECT} WHERE c.id = ?`).get(id) as CaseRow);
        appendAudit(db, { actorId: ctx.actorId, action: 'create', entity: 'case', entityId: id, after: c });
        return c;
      })();
      emit({ type: 'library-changed', caseId: created.id });
      return created;
    } catch (e) {
      throw fromSqliteError(e, `This project already has a case named "${name}".`) ?? e;
    }
  },
};
