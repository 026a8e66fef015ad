import type { Geometry } from './geometry';

export type AnnotationFormat = 'geojson' | 'asap';
export const ANNOTATION_FORMATS: readonly AnnotationFormat[] = ['geojson', 'asap'];

/** Where in a file something is: a GeoJSON feature (and a path inside it), or an XML line and element. */
export interface FilePlace {
  /** Index into the GeoJSON features (0-based, as in the file). */
  feature?: number;
  /** A JSON path inside the feature or document, e.g. "geometry.coordinates[0][3]". */
  path?: string;
  /** 1-based line (and column) in the file. */
  line?: number;
  column?: number;
  /** The XML element, e.g. "Coordinate". */
  element?: string;
}

export function describePlace(p: FilePlace): string {
  const parts: string[] = [];
  if (p.feature !== undefined) parts.push(`features[${p.feature}]${p.path ? `.${p.path}` : ''}`);
  else if (p.path) parts.push(p.path);
  if (p.line !== undefined) parts.push(`line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''}`);
  if (p.element) parts.push(`<${p.element}>`);
  return parts.join(', ');
}

/** An annotation file that cannot be imported, with the reason and the place. */
export class AnnotationFileError extends Error {
  readonly place: FilePlace;
  constructor(reason: string, place: FilePlace = {}) {
    const where = describePlace(place);
    super(where ? `${where}: ${reason}` : reason);
    this.name = 'AnnotationFileError';
    this.place = place;
  }
}

/** One annotation read from a file, before it is matched to the project's classes. */
export interface ParsedAnnotation {
  geometry: Geometry;
  /** The class (QuPath classification, ASAP group); null when unclassified. */
  className: string | null;
  /** The colour the file gives the class or the annotation ("#rrggbb"); null when it gives none. */
  colour: string | null;
  name: string;
  description: string;
  /** Where it came from, for messages. */
  place: FilePlace;
}

export interface ParsedFile {
  annotations: ParsedAnnotation[];
  /** Classes the file declares (ASAP groups), used or not, in file order. */
  classes: { name: string; colour: string | null }[];
  /** Objects read but deliberately not imported (e.g. QuPath detections), by reason. */
  skipped: { reason: string; count: number }[];
}

/** One annotation to write out. */
export interface ExportAnnotation {
  geometry: Geometry;
  className: string | null;
  classColour: string | null;
  name: string;
  description: string;
}

export interface ExportClass {
  name: string;
  colour: string;
}

/** A name in the files Sightline writes: the reader uses it to restore what the format itself cannot say. */
export const SIGHTLINE_KEY = 'sightline';
