import type { Database } from 'better-sqlite3';
import { writeAsap } from '../../../shared/annotations/asapWrite';
import { writeGeoJson } from '../../../shared/annotations/geojsonWrite';
import type { AnnotationFormat, ExportAnnotation } from '../../../shared/annotations/interchange';
import { ANNOTATION_SELECT, listClasses, slideScope, toAnnotation, type AnnotationRow } from './annotationRows';

const EXTENSIONS: Record<AnnotationFormat, string> = { geojson: '.geojson', asap: '.xml' };

/** A slide's annotations (not deleted, oldest first) as QuPath GeoJSON or ASAP XML, with the project's classes. */
export function exportAnnotations(db: Database, slideId: number, format: AnnotationFormat): { format: AnnotationFormat; text: string; count: number; fileName: string } {
  const slide = slideScope(db, slideId);
  const classes = listClasses(db, slide.projectId);
  const byId = new Map(classes.map((c) => [c.id, c]));
  const rows = db.prepare(`${ANNOTATION_SELECT} WHERE a.slide_id = ? AND a.deleted = 0 ORDER BY a.id`).all(slideId) as AnnotationRow[];
  const annotations: ExportAnnotation[] = rows.map((r) => {
    const a = toAnnotation(r);
    const cls = a.classId === null ? undefined : byId.get(a.classId);
    return { geometry: a.geometry, className: cls?.name ?? null, classColour: cls?.colour ?? null, name: a.name, description: a.description };
  });
  const text = format === 'geojson' ? writeGeoJson(annotations) : writeAsap(annotations, classes);
  const stem = slide.name.replace(/\.(ome\.)?[A-Za-z0-9]+$/, '') || `slide-${slideId}`;
  return { format, text, count: annotations.length, fileName: `${stem}${EXTENSIONS[format]}` };
}
