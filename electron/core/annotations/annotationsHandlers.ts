import type { Database } from 'better-sqlite3';
import { geometryBounds } from '../../../shared/annotations/measure';
import type { Annotation } from '../../../shared/contract';
import { appendAudit } from '../audit/audit';
import type { Handlers } from '../dispatch/handlers';
import { CoreError, notFound } from '../errors';
import {
  ANNOTATION_SELECT,
  checkClass,
  getAnnotation,
  insertAnnotation,
  listClasses,
  offSlideReason,
  slideScope,
  toAnnotation,
  type AnnotationRow,
} from './annotationRows';
import { exportAnnotations } from './exportAnnotations';
import { importAnnotations } from './importAnnotations';

/** The acting profile, which must exist when given (annotations made from the command line have no author). */
export function authorOf(db: Database, actorId: number | null): number | null {
  if (actorId !== null && !db.prepare('SELECT 1 FROM users WHERE id = ?').get(actorId)) throw notFound('Profile', actorId);
  return actorId;
}

function conflict(current: Annotation, what: string): CoreError {
  return new CoreError('CONFLICT', `${what} (it is now at version ${current.version}${current.deleted ? ', deleted' : ''}): reload it and try again.`, { current });
}

/** Writes the new state of an annotation with its version bumped, audited; returns the new state. */
function writeChange(db: Database, before: Annotation, next: Omit<Annotation, 'version' | 'updatedAt' | 'bounds' | 'authorName'>, action: string, actorId: number | null): Annotation {
  const b = geometryBounds(next.geometry);
  db.prepare(
    `UPDATE annotations SET class_id = ?, kind = ?, geometry = ?, min_x = ?, min_y = ?, max_x = ?, max_y = ?, name = ?, description = ?, deleted = ?,
     version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
  ).run(
    next.classId,
    next.geometry.type,
    JSON.stringify(next.geometry),
    b.minX,
    b.minY,
    b.maxX,
    b.maxY,
    next.name,
    next.description,
    next.deleted ? 1 : 0,
    new Date().toISOString(),
    before.id,
    before.version,
  );
  const after = getAnnotation(db, before.id);
  appendAudit(db, { actorId, action, entity: 'annotation', entityId: before.id, before, after });
  return after;
}

type AnnotationCall =
  | 'annotations.list'
  | 'annotations.create'
  | 'annotations.update'
  | 'annotations.delete'
  | 'annotations.restore'
  | 'annotations.import'
  | 'annotations.export';

export const annotationsHandlers: Handlers<AnnotationCall> = {
  'annotations.list': ({ slideId, includeDeleted }, _ctx, { db }) => {
    const slide = slideScope(db, slideId);
    const rows = db.prepare(`${ANNOTATION_SELECT} WHERE a.slide_id = ? ${includeDeleted ? '' : 'AND a.deleted = 0'} ORDER BY a.id`).all(slideId) as AnnotationRow[];
    return {
      slideId,
      projectId: slide.projectId,
      width: slide.width,
      height: slide.height,
      mpp: slide.mpp,
      classes: listClasses(db, slide.projectId),
      annotations: rows.map(toAnnotation),
    };
  },

  'annotations.create': ({ slideId, geometry, classId, name, description }, ctx, { db }) =>
    db.transaction((): Annotation => {
      const slide = slideScope(db, slideId);
      const authorId = authorOf(db, ctx.actorId);
      checkClass(db, classId, slide.projectId);
      const off = offSlideReason(slide, geometry);
      if (off) throw new CoreError('INVALID_INPUT', `This annotation cannot be placed: ${off}.`);
      const id = insertAnnotation(db, { slideId, classId, geometry, name, description, authorId }, new Date().toISOString());
      const created = getAnnotation(db, id);
      appendAudit(db, { actorId: ctx.actorId, action: 'create', entity: 'annotation', entityId: id, after: created });
      return created;
    })(),

  'annotations.update': ({ id, version, geometry, classId, name, description }, ctx, { db }) =>
    db.transaction((): Annotation => {
      const before = getAnnotation(db, id);
      if (before.deleted) throw conflict(before, 'This annotation was deleted');
      if (before.version !== version) throw conflict(before, `This annotation changed since version ${version} was read`);
      const slide = slideScope(db, before.slideId);
      if (classId !== undefined) checkClass(db, classId, slide.projectId);
      if (geometry) {
        const off = offSlideReason(slide, geometry);
        if (off) throw new CoreError('INVALID_INPUT', `This change cannot be made: ${off}.`);
      }
      const next = {
        ...before,
        geometry: geometry ?? before.geometry,
        classId: classId === undefined ? before.classId : classId,
        name: name ?? before.name,
        description: description ?? before.description,
      };
      const unchanged =
        next.classId === before.classId && next.name === before.name && next.description === before.description && JSON.stringify(next.geometry) === JSON.stringify(before.geometry);
      if (unchanged) return before;
      return writeChange(db, before, next, 'update', ctx.actorId);
    })(),

  'annotations.delete': ({ id, version }, ctx, { db }) =>
    db.transaction((): Annotation => {
      const before = getAnnotation(db, id);
      if (version !== undefined && before.version !== version) throw conflict(before, `This annotation changed since version ${version} was read`);
      if (before.deleted) return before;
      return writeChange(db, before, { ...before, deleted: true }, 'delete', ctx.actorId);
    })(),

  'annotations.restore': ({ id }, ctx, { db }) =>
    db.transaction((): Annotation => {
      const before = getAnnotation(db, id);
      if (!before.deleted) return before;
      return writeChange(db, before, { ...before, deleted: false }, 'restore', ctx.actorId);
    })(),

  'annotations.import': ({ slideId, format, text }, ctx, { db }) => importAnnotations(db, slideId, format, text, authorOf(db, ctx.actorId), ctx.actorId),

  'annotations.export': ({ slideId, format }, _ctx, { db }) => exportAnnotations(db, slideId, format),
};
