import type { Database } from 'better-sqlite3';
import { parseAsap } from '../../../shared/annotations/asapRead';
import { parseGeoJson } from '../../../shared/annotations/geojsonRead';
import { AnnotationFileError, describePlace, type AnnotationFormat, type ParsedFile } from '../../../shared/annotations/interchange';
import type { ImportCounts } from '../../../shared/contract';
import { appendAudit } from '../audit/audit';
import { CoreError } from '../errors';
import { getAnnotation, getClass, insertAnnotation, listClasses, offSlideReason, slideScope } from './annotationRows';
import { insertClass } from './classesHandlers';

/** More annotations than this in one file is not a hand-made annotation set (QuPath detections exported as annotations?). */
export const MAX_IMPORT_ANNOTATIONS = 200_000;

const FORMAT_NAMES: Record<AnnotationFormat, string> = { geojson: 'GeoJSON', asap: 'ASAP XML' };

function parse(format: AnnotationFormat, text: string): ParsedFile {
  const head = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (format === 'asap' && (head === '{' || head === '[')) throw new AnnotationFileError('this looks like JSON (GeoJSON?), not ASAP XML');
  if (format === 'geojson' && head === '<') throw new AnnotationFileError('this looks like XML (ASAP?), not GeoJSON');
  return format === 'geojson' ? parseGeoJson(text) : parseAsap(text);
}

/**
 * Imports a QuPath GeoJSON or ASAP XML file onto a slide: the whole file is read and checked first, then every
 * annotation (and any class the project lacks) is created in one transaction, each with its audit row. An invalid
 * file is rejected with the reason and the place, and nothing is stored.
 */
export function importAnnotations(db: Database, slideId: number, format: AnnotationFormat, text: string, authorId: number | null, actorId: number | null): ImportCounts {
  const slide = slideScope(db, slideId);
  let parsed: ParsedFile;
  try {
    parsed = parse(format, text);
  } catch (e) {
    if (e instanceof AnnotationFileError) {
      throw new CoreError('INVALID_INPUT', `This ${FORMAT_NAMES[format]} file cannot be imported: ${e.message}. Nothing was imported.`, { place: e.place });
    }
    throw e;
  }
  if (parsed.annotations.length > MAX_IMPORT_ANNOTATIONS) {
    throw new CoreError('INVALID_INPUT', `The file holds ${parsed.annotations.length.toLocaleString('en')} annotations; Sightline imports at most ${MAX_IMPORT_ANNOTATIONS.toLocaleString('en')} at once. Nothing was imported.`);
  }
  for (const a of parsed.annotations) {
    const off = offSlideReason(slide, a.geometry);
    if (off) {
      const where = describePlace(a.place);
      throw new CoreError('INVALID_INPUT', `This ${FORMAT_NAMES[format]} file does not fit this slide: ${where ? `${where}: ` : ''}${off}. Is it the file of another slide? Nothing was imported.`, {
        place: a.place,
      });
    }
  }

  return db.transaction((): ImportCounts => {
    const classIds = new Map(listClasses(db, slide.projectId).map((c) => [c.name.toLowerCase(), c.id]));
    const classesCreated: string[] = [];
    const declared = new Map(parsed.classes.map((c) => [c.name.toLowerCase(), c.colour]));
    const classOf = (name: string | null, colour: string | null): number | null => {
      if (name === null) return null;
      const key = name.toLowerCase();
      const known = classIds.get(key);
      if (known !== undefined) return known;
      const id = insertClass(db, slide.projectId, name, declared.get(key) ?? colour ?? undefined, null, undefined);
      appendAudit(db, { actorId, action: 'import', entity: 'annotation_class', entityId: id, after: getClass(db, id) });
      classIds.set(key, id);
      classesCreated.push(name);
      return id;
    };
    const at = new Date().toISOString();
    const ids: number[] = [];
    const byType: Record<string, number> = {};
    for (const a of parsed.annotations) {
      const classId = classOf(a.className, a.colour);
      const id = insertAnnotation(db, { slideId, classId, geometry: a.geometry, name: a.name.slice(0, 200), description: a.description.slice(0, 20_000), authorId }, at);
      appendAudit(db, { actorId, action: 'import', entity: 'annotation', entityId: id, after: getAnnotation(db, id) });
      ids.push(id);
      byType[a.geometry.type] = (byType[a.geometry.type] ?? 0) + 1;
    }
    return { created: ids.length, ids, byType, classesCreated, skipped: parsed.skipped };
  })();
}
