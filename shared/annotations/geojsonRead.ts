import { geometryIssues, type Geometry, type Position, type Ring } from './geometry';
import { parseColour } from './colour';
import { AnnotationFileError, SIGHTLINE_KEY, type FilePlace, type ParsedAnnotation, type ParsedFile } from './interchange';
import { ringAsRectangle, ringMatchesEllipse } from './shapes';

// Reads QuPath's GeoJSON (and plain GeoJSON from other tools): a FeatureCollection, a single Feature, a bare array
// of Features (QuPath 0.2) or a bare geometry. Only annotations are imported; QuPath detections, cells and tiles are
// counted and skipped.

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

function parseJson(text: string): Json {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const place: FilePlace = at ? lineColumn(text, Number(at[1])) : {};
    if (!at && text.trim() === '') throw new AnnotationFileError('the file is empty');
    const reason = /Unexpected end of JSON input|Unterminated/i.test(message) ? 'the file ends early (truncated JSON)' : `this is not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')})`;
    throw new AnnotationFileError(reason, place);
  }
}

const QUPATH_OTHER_OBJECTS: Record<string, string> = {
  PathDetectionObject: 'detection',
  PathCellObject: 'cell',
  PathTileObject: 'tile',
  TMACoreObject: 'tma_core',
  PathRootObject: 'root',
};

class FeatureReader {
  constructor(private readonly feature: number | undefined) {}

  fail(path: string, reason: string): never {
    throw new AnnotationFileError(reason, this.feature === undefined ? { path } : { feature: this.feature, path });
  }

  /** `path()` builds the place only when there is something wrong to report. */
  position(v: Json, path: () => string): Position {
    if (Array.isArray(v) && v.length >= 2) {
      const x = v[0];
      const y = v[1];
      if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) return v.length === 2 ? (v as Position) : [x, y];
      this.fail(path(), `a position must hold two numbers, not ${JSON.stringify(v).slice(0, 60)}`);
    }
    this.fail(path(), 'a position must be an array [x, y]');
  }

  positions(v: Json, path: string): Position[] {
    if (!Array.isArray(v)) this.fail(path, 'must be an array of positions');
    const out: Position[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = this.position(v[i], () => `${path}[${i}]`);
    return out;
  }

  /** GeoJSON rings are closed; one left open by a careless writer is closed here (it is unambiguous). */
  ring(v: Json, path: string): Ring {
    const pts = this.positions(v, path);
    const a = pts[0];
    const b = pts[pts.length - 1];
    if (pts.length > 0 && (a[0] !== b[0] || a[1] !== b[1])) pts.push([a[0], a[1]]);
    return pts;
  }

  rings(v: Json, path: string): Ring[] {
    if (!Array.isArray(v)) this.fail(path, 'must be an array of rings');
    return v.map((r, i) => this.ring(r, `${path}[${i}]`));
  }

  checked(g: Geometry, path: string): Geometry {
    const issue = geometryIssues(g)[0];
    if (!issue) return g;
    const [head, ...rest] = issue.path;
    const depth = head === 'rings' ? 2 : head === 'polygons' ? 3 : head === 'points' ? 1 : 0;
    const indices = rest.slice(0, depth).filter((n): n is number => typeof n === 'number');
    const ringLevel = (head === 'rings' && indices.length === 1) || (head === 'polygons' && indices.length === 2);
    const key = depth === 0 && typeof head === 'string' ? `${head} ` : '';
    const subject = ringLevel ? 'the ring ' : indices.length === 0 && !issue.message.startsWith('a ') ? `the ${g.type} ${key}` : '';
    const where = g.type === 'point' ? `${path}.coordinates` : `${path}.coordinates${indices.map((i) => `[${i}]`).join('')}`;
    this.fail(where, `${subject}${issue.message}`);
  }

  /** One GeoJSON geometry → one or more Sightline geometries. */
  geometry(v: Json, path: string): Geometry[] {
    if (!isObject(v)) this.fail(path, v === null || v === undefined ? 'the feature has no geometry' : 'must be a GeoJSON geometry object');
    const c = v.coordinates;
    const cp = `${path}.coordinates`;
    switch (v.type) {
      case 'Point': {
        const [x, y] = this.position(c, () => cp);
        return [this.checked({ type: 'point', x, y }, path)];
      }
      case 'MultiPoint':
        return [this.checked({ type: 'multipoint', points: this.positions(c, cp) }, path)];
      case 'LineString':
        return [this.checked({ type: 'line', points: this.positions(c, cp) }, path)];
      case 'MultiLineString':
        if (!Array.isArray(c)) this.fail(cp, 'must be an array of lines');
        return c.map((line, i) => this.checked({ type: 'line', points: this.positions(line, `${cp}[${i}]`) }, `${path}.coordinates[${i}]`));
      case 'Polygon':
        return [this.checked({ type: 'polygon', rings: this.rings(c, cp) }, path)];
      case 'MultiPolygon':
        if (!Array.isArray(c)) this.fail(cp, 'must be an array of polygons');
        return [this.checked({ type: 'multipolygon', polygons: c.map((p, i) => this.rings(p, `${cp}[${i}]`)) }, path)];
      case 'GeometryCollection': {
        const members = v.geometries;
        if (!Array.isArray(members)) this.fail(`${path}.geometries`, 'must be an array of geometries');
        return members.flatMap((m, i) => this.geometry(m, `${path}.geometries[${i}]`));
      }
      default:
        this.fail(`${path}.type`, `"${String(v.type)}" is not a GeoJSON geometry type (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection)`);
    }
  }

  text(v: Json, path: string): string {
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.fail(path, 'must be text');
  }
}

/** Restores a rectangle or ellipse Sightline wrote as a polygon, when the polygon still is that shape. */
function restoreShape(g: Geometry, marker: Json): Geometry {
  if (!isObject(marker) || g.type !== 'polygon' || g.rings.length !== 1) return g;
  const ring = g.rings[0];
  if (marker.shape === 'rectangle') return ringAsRectangle(ring) ?? g;
  if (marker.shape === 'ellipse') {
    const { cx, cy, rx, ry, rotation } = marker;
    const e = { type: 'ellipse' as const, cx, cy, rx, ry, rotation: rotation ?? 0 } as Geometry;
    if (geometryIssues(e).length > 0 || e.type !== 'ellipse') return g;
    return ringMatchesEllipse(ring, e) ? e : g;
  }
  return g;
}

function readFeature(f: Json, index: number | undefined, out: ParsedFile, skipped: Map<string, number>): void {
  const r: FeatureReader = new FeatureReader(index);
  if (!isObject(f)) r.fail('', 'must be a GeoJSON Feature object');
  if (f.type !== 'Feature') r.fail('type', `must be "Feature", not ${JSON.stringify(f.type)}`);
  const props = f.properties ?? {};
  if (!isObject(props)) r.fail('properties', 'must be an object');
  const objectType = typeof props.objectType === 'string' ? props.objectType : typeof f.id === 'string' ? QUPATH_OTHER_OBJECTS[f.id] : undefined;
  if (objectType !== undefined && objectType !== 'annotation') {
    const reason = `QuPath ${objectType} objects (Sightline imports annotations only)`;
    skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
    return;
  }
  let className: string | null = null;
  let colour: string | null = parseColour(props.color);
  const cls = props.classification;
  if (typeof cls === 'string') className = cls.trim() || null;
  else if (isObject(cls)) {
    if (Array.isArray(cls.names) && cls.names.every((n) => typeof n === 'string')) className = (cls.names as string[]).join(': ').trim() || null;
    else if (cls.name !== undefined && cls.name !== null) className = r.text(cls.name, 'properties.classification.name').trim() || null;
    colour = parseColour(cls.color) ?? parseColour(cls.colorRGB) ?? colour;
  } else if (cls !== undefined && cls !== null) r.fail('properties.classification', 'must be an object with a name and a color');
  const name = r.text(props.name, 'properties.name');
  const description = r.text(props.description, 'properties.description');
  const geometries = r.geometry(f.geometry, 'geometry');
  const place: FilePlace = index === undefined ? {} : { feature: index };
  for (const g of geometries) {
    out.annotations.push({ geometry: restoreShape(g, props[SIGHTLINE_KEY]), className, colour, name, description, place } satisfies ParsedAnnotation);
  }
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/** Parses GeoJSON text into annotations; throws AnnotationFileError with the reason and the place. */
export function parseGeoJson(text: string): ParsedFile {
  const doc = parseJson(text.replace(/^\uFEFF/, ''));
  const out: ParsedFile = { annotations: [], classes: [], skipped: [] };
  const skipped = new Map<string, number>();
  if (Array.isArray(doc)) doc.forEach((f, i) => readFeature(f, i, out, skipped));
  else if (isObject(doc) && doc.type === 'FeatureCollection') {
    if (!Array.isArray(doc.features)) throw new AnnotationFileError('a FeatureCollection needs a "features" array', { path: 'features' });
    doc.features.forEach((f, i) => readFeature(f, i, out, skipped));
  } else if (isObject(doc) && doc.type === 'Feature') readFeature(doc, undefined, out, skipped);
  else if (isObject(doc) && typeof doc.type === 'string' && GEOMETRY_TYPES.has(doc.type)) readFeature({ type: 'Feature', geometry: doc, properties: {} }, undefined, out, skipped);
  else throw new AnnotationFileError('this is JSON but not GeoJSON: expected a FeatureCollection, a Feature or an array of Features');
  out.skipped = [...skipped].map(([reason, count]) => ({ reason, count }));
  return out;
}
