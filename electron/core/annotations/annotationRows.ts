import type { Database } from 'better-sqlite3';
import type { Annotation, AnnotationClass } from '../../../shared/contract';
import type { Geometry } from '../../../shared/annotations/geometry';
import { boundsIntersect, geometryBounds } from '../../../shared/annotations/measure';
import { CoreError, notFound } from '../errors';

export interface AnnotationRow {
  id: number;
  slide_id: number;
  class_id: number | null;
  kind: string;
  geometry: string;
  min_x: number;
  min_y: number;
  max_x: number;
  max_y: number;
  name: string;
  description: string;
  author_id: number | null;
  author_name: string | null;
  created_at: string;
  updated_at: string;
  deleted: number;
  version: number;
}

export const ANNOTATION_SELECT = `SELECT a.*, u.name AS author_name FROM annotations a LEFT JOIN users u ON u.id = a.author_id`;

export function toAnnotation(r: AnnotationRow): Annotation {
  return {
    id: r.id,
    slideId: r.slide_id,
    classId: r.class_id,
    geometry: JSON.parse(r.geometry) as Geometry,
    name: r.name,
    description: r.description,
    authorId: r.author_id,
    authorName: r.author_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deleted: r.deleted === 1,
    version: r.version,
    bounds: { minX: r.min_x, minY: r.min_y, maxX: r.max_x, maxY: r.max_y },
  };
}

export function getAnnotation(db: Database, id: number): Annotation {
  const row = db.prepare(`${ANNOTATION_SELECT} WHERE a.id = ?`).get(id) as AnnotationRow | undefined;
  if (!row) throw notFound('Annotation', id);
  return toAnnotation(row);
}

interface ClassRow {
  id: number;
  project_id: number;
  name: string;
  colour: string;
  shortcut: number | null;
  sort_order: number;
  created_at: string;
  annotation_count: number;
}

export const CLASS_SELECT = `SELECT c.*, (SELECT COUNT(*) FROM annotations a WHERE a.class_id = c.id AND a.deleted = 0) AS annotation_count FROM annotation_classes c`;
export const CLASS_ORDER = 'ORDER BY c.sort_order, c.name COLLATE NOCASE, c.id';

export function toClass(r: ClassRow): AnnotationClass {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    colour: r.colour,
    shortcut: r.shortcut,
    sortOrder: r.sort_order,
    createdAt: r.created_at,
    annotationCount: r.annotation_count,
  };
}

export function getClass(db: Database, id: number): AnnotationClass {
  const row = db.prepare(`${CLASS_SELECT} WHERE c.id = ?`).get(id) as ClassRow | undefined;
  if (!row) throw notFound('Annotation class', id);
  return toClass(row);
}

export function listClasses(db: Database, projectId: number): AnnotationClass[] {
  return (db.prepare(`${CLASS_SELECT} WHERE c.project_id = ? ${CLASS_ORDER}`).all(projectId) as ClassRow[]).map(toClass);
}

/** A slide with what annotating it needs: its project, size and pixel size. */
export interface SlideScope {
  id: number;
  name: string;
  projectId: number;
  width: number | null;
  height: number | null;
  mpp: { x: number; y: number } | null;
}

export function slideScope(db: Database, slideId: number): SlideScope {
  const row = db
    .prepare('SELECT s.id, s.name, c.project_id, s.width, s.height, s.mpp_x, s.mpp_y FROM slides s JOIN cases c ON c.id = s.case_id WHERE s.id = ?')
    .get(slideId) as { id: number; name: string; project_id: number; width: number | null; height: number | null; mpp_x: number | null; mpp_y: number | null } | undefined;
  if (!row) throw notFound('Slide', slideId);
  const mx = row.mpp_x ?? row.mpp_y;
  const my = row.mpp_y ?? row.mpp_x;
  return { id: row.id, name: row.name, projectId: row.project_id, width: row.width, height: row.height, mpp: mx && my ? { x: mx, y: my } : null };
}

/** The class must belong to the slide's project. */
export function checkClass(db: Database, classId: number | null, projectId: number): void {
  if (classId === null) return;
  const row = db.prepare('SELECT project_id, name FROM annotation_classes WHERE id = ?').get(classId) as { project_id: number; name: string } | undefined;
  if (!row) throw notFound('Annotation class', classId);
  if (row.project_id !== projectId) throw new CoreError('INVALID_INPUT', `The class "${row.name}" belongs to another project.`);
}

/** A geometry wholly off the slide is almost always a file meant for another slide, or a unit mix-up. */
export function offSlideReason(slide: SlideScope, g: Geometry): string | null {
  if (slide.width == null || slide.height == null) return null;
  const b = geometryBounds(g);
  if (boundsIntersect(b, { minX: 0, minY: 0, maxX: slide.width, maxY: slide.height })) return null;
  const r = (v: number) => Math.round(v).toLocaleString('en');
  return `it lies entirely outside the slide (it spans x ${r(b.minX)}…${r(b.maxX)}, y ${r(b.minY)}…${r(b.maxY)}; "${slide.name}" is ${r(slide.width)} × ${r(slide.height)} px)`;
}

export interface AnnotationFields {
  slideId: number;
  classId: number | null;
  geometry: Geometry;
  name: string;
  description: string;
  authorId: number | null;
}

/** Inserts a new annotation at version 1 and returns its id (no audit: callers add the audit row). */
export function insertAnnotation(db: Database, f: AnnotationFields, at: string): number {
  const b = geometryBounds(f.geometry);
  return Number(
    db
      .prepare(
        `INSERT INTO annotations (slide_id, class_id, kind, geometry, min_x, min_y, max_x, max_y, name, description, author_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(f.slideId, f.classId, f.geometry.type, JSON.stringify(f.geometry), b.minX, b.minY, b.maxX, b.maxY, f.name, f.description, f.authorId, at, at).lastInsertRowid,
  );
}
