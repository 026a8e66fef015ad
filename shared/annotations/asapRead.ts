import { geometryIssues, type Geometry, type Position, type Ring } from './geometry';
import { parseColour } from './colour';
import { AnnotationFileError, type FilePlace, type ParsedAnnotation, type ParsedFile } from './interchange';
import { ringAsRectangle, ringMatchesEllipse } from './shapes';
import { parseXml, XmlSyntaxError, type XmlElement } from './xml';

// Reads ASAP XML (ASAP_Annotations / Annotations / Annotation with Coordinates, and AnnotationGroups / Group).
// ASAP types map to Sightline geometry: Dot → point, PointSet → multipoint, Measurement → line, Rectangle →
// rectangle (or polygon when not axis-aligned), Polygon → polygon, Spline → polygon through its control points.
// Attributes starting with "Sightline" (written by Sightline, ignored by ASAP) restore what ASAP cannot express:
// ellipses, polylines, descriptions, holes and multipolygons.

export const ASAP_TYPES = ['Dot', 'PointSet', 'Measurement', 'Rectangle', 'Polygon', 'Spline'] as const;

/** ASAP lists each vertex once; Sightline rings repeat the first at the end. Closes in place (the list is ours). */
function closeRing(pts: Position[]): Ring {
  const a = pts[0];
  const b = pts[pts.length - 1];
  if (a[0] !== b[0] || a[1] !== b[1]) pts.push([a[0], a[1]]);
  return pts;
}

const at = (el: XmlElement): FilePlace => ({ line: el.line, element: el.name });

function fail(el: XmlElement, reason: string): never {
  throw new AnnotationFileError(reason, at(el));
}

/** ASAP writes numbers with a dot, but files from some locales carry a decimal comma. */
function coordinate(el: XmlElement, attr: 'X' | 'Y'): number {
  const raw = el.attrs[attr];
  if (raw === undefined) fail(el, `the coordinate has no ${attr}`);
  const v = Number(raw);
  if (Number.isFinite(v) && raw.trim() !== '') return v;
  const s = raw.trim();
  const comma = /^-?\d+,\d+$/.test(s) ? Number(s.replace(',', '.')) : NaN;
  if (!Number.isFinite(comma)) fail(el, `${attr}="${raw}" is not a number`);
  return comma;
}

function readCoordinates(ann: XmlElement): Position[] {
  const holder = ann.children.find((c) => c.name === 'Coordinates');
  if (!holder) fail(ann, 'the annotation has no <Coordinates>');
  const coords = holder.children.filter((c) => c.name === 'Coordinate');
  const withOrder = coords.filter((c) => c.attrs.Order !== undefined).length;
  if (withOrder === 0) return coords.map((c) => [coordinate(c, 'X'), coordinate(c, 'Y')]);
  if (withOrder !== coords.length) fail(coords.find((c) => c.attrs.Order === undefined) as XmlElement, 'some coordinates have an Order and this one has none');
  const out: Position[] = new Array(coords.length);
  for (const c of coords) {
    const order = Number(c.attrs.Order);
    if (!Number.isInteger(order) || order < 0 || order >= coords.length) fail(c, `Order="${c.attrs.Order}" must be a whole number from 0 to ${coords.length - 1}`);
    if (out[order]) fail(c, `Order="${order}" appears twice in this annotation`);
    out[order] = [coordinate(c, 'X'), coordinate(c, 'Y')];
  }
  return out;
}

function checked(el: XmlElement, g: Geometry): Geometry {
  const issue = geometryIssues(g)[0];
  if (issue) fail(el, `the ${el.attrs.Type ?? ''} annotation ${issue.path.length ? `(${issue.path.join('.')}) ` : ''}${issue.message}`.replace(/\s+/g, ' '));
  return g;
}

function needPoints(el: XmlElement, pts: Position[], min: number, what: string): void {
  if (pts.length < min) fail(el, `a ${el.attrs.Type} needs at least ${min} coordinate${min === 1 ? '' : 's'} (${what}); this one has ${pts.length}`);
}

function restoredEllipse(el: XmlElement, ring: Ring): Geometry | null {
  const spec = el.attrs.SightlineEllipse;
  if (el.attrs.SightlineShape !== 'ellipse' || !spec) return null;
  const [cx, cy, rx, ry, rotation] = spec.trim().split(/\s+/).map(Number);
  const e: Geometry = { type: 'ellipse', cx, cy, rx, ry, rotation: rotation ?? 0 };
  return geometryIssues(e).length === 0 && ringMatchesEllipse(ring, e) ? e : null;
}

function toGeometry(el: XmlElement, type: string, pts: Position[]): Geometry {
  switch (type) {
    case 'Dot':
      if (pts.length !== 1) fail(el, `a Dot has exactly 1 coordinate; this one has ${pts.length}`);
      return checked(el, { type: 'point', x: pts[0][0], y: pts[0][1] });
    case 'PointSet':
      needPoints(el, pts, 1, 'its points');
      if (el.attrs.SightlineShape === 'line') return checked(el, { type: 'line', points: pts });
      return checked(el, { type: 'multipoint', points: pts });
    case 'Measurement':
      needPoints(el, pts, 2, 'its two ends');
      return checked(el, { type: 'line', points: pts });
    case 'Rectangle': {
      needPoints(el, pts, 3, 'its corners');
      const ring = closeRing(pts);
      return ringAsRectangle(ring) ?? checked(el, { type: 'polygon', rings: [ring] });
    }
    default: {
      needPoints(el, pts, 3, 'its vertices');
      const ring = closeRing(pts);
      return restoredEllipse(el, ring) ?? checked(el, { type: 'polygon', rings: [ring] });
    }
  }
}

interface Part {
  el: XmlElement;
  polygon: number;
  ring: number;
  points: Ring;
}

/** Rebuilds a polygon with holes, or a multipolygon, that Sightline wrote as several ASAP annotations. */
function assemble(parts: Part[], multipolygon: boolean): Geometry {
  const polygons: Ring[][] = [];
  for (const p of parts) {
    const rings = (polygons[p.polygon] ??= []);
    if (rings[p.ring]) fail(p.el, `SightlineRing="${p.polygon}/${p.ring}" appears twice in SightlineGroup "${p.el.attrs.SightlineGroup}"`);
    rings[p.ring] = p.points;
  }
  const lacks = (what: string) => fail(parts[0].el, `SightlineGroup "${parts[0].el.attrs.SightlineGroup}" lacks ${what} (the file was edited outside Sightline?)`);
  for (let i = 0; i < polygons.length; i++) {
    const rings = polygons[i];
    if (!rings) lacks(`polygon ${i}`);
    for (let r = 0; r < rings.length; r++) if (!rings[r]) lacks(`ring ${i}/${r}`);
  }
  const g: Geometry = polygons.length === 1 && !multipolygon ? { type: 'polygon', rings: polygons[0] } : { type: 'multipolygon', polygons };
  return checked(parts[0].el, g);
}

/** Parses ASAP XML text into annotations; throws AnnotationFileError with the reason, the line and the element. */
export function parseAsap(text: string): ParsedFile {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new AnnotationFileError(`this is not well-formed XML: ${e.reason}`, { line: e.line, column: e.column });
    throw e;
  }
  if (root.name !== 'ASAP_Annotations') fail(root, `the root element is <${root.name}>, not <ASAP_Annotations>: this is not an ASAP annotation file`);

  const groups = new Map<string, string | null>();
  const classes: ParsedFile['classes'] = [];
  for (const holder of root.children.filter((c) => c.name === 'AnnotationGroups')) {
    for (const g of holder.children.filter((c) => c.name === 'Group')) {
      const name = (g.attrs.Name ?? '').trim();
      if (!name) fail(g, 'a group needs a Name');
      if (groups.has(name)) continue;
      const colour = parseColour(g.attrs.Color);
      groups.set(name, colour);
      classes.push({ name, colour });
    }
  }

  const slots: (ParsedAnnotation | { group: string })[] = [];
  const grouped = new Map<string, { parts: Part[]; multipolygon: boolean; first: ParsedAnnotation }>();
  for (const holder of root.children.filter((c) => c.name === 'Annotations')) {
    for (const el of holder.children.filter((c) => c.name === 'Annotation')) {
      const type = el.attrs.Type;
      if (type === undefined) fail(el, 'the annotation has no Type');
      if (!(ASAP_TYPES as readonly string[]).includes(type)) fail(el, `Type="${type}" is not an ASAP annotation type (${ASAP_TYPES.join(', ')})`);
      const group = (el.attrs.PartOfGroup ?? '').trim();
      const className = group === '' || group === 'None' ? null : group;
      const colour = (className ? groups.get(className) : null) ?? parseColour(el.attrs.Color);
      const base = { className, colour, name: el.attrs.Name ?? '', description: el.attrs.SightlineDescription ?? '', place: at(el) };
      const pts = readCoordinates(el);
      const groupKey = el.attrs.SightlineGroup;
      if (groupKey !== undefined && (type === 'Polygon' || type === 'Spline')) {
        const m = /^(\d+)\/(\d+)$/.exec(el.attrs.SightlineRing ?? '');
        if (!m) fail(el, `SightlineRing="${el.attrs.SightlineRing ?? ''}" must be "polygon/ring", e.g. "0/1"`);
        needPoints(el, pts, 3, 'its vertices');
        const part: Part = { el, polygon: Number(m[1]), ring: Number(m[2]), points: closeRing(pts) };
        const known = grouped.get(groupKey);
        if (known) {
          known.parts.push(part);
          if (el.attrs.SightlineShape === 'multipolygon') known.multipolygon = true;
        } else {
          const first = { ...base, geometry: { type: 'point', x: 0, y: 0 } } as ParsedAnnotation;
          grouped.set(groupKey, { parts: [part], multipolygon: el.attrs.SightlineShape === 'multipolygon', first });
          slots.push({ group: groupKey });
        }
        continue;
      }
      let geometry = toGeometry(el, type, pts);
      if (el.attrs.SightlineShape === 'multipolygon' && geometry.type === 'polygon') geometry = { type: 'multipolygon', polygons: [geometry.rings] };
      slots.push({ ...base, geometry });
    }
  }
  const annotations = slots.map((s) => {
    if (!('group' in s)) return s;
    const g = grouped.get(s.group) as { parts: Part[]; multipolygon: boolean; first: ParsedAnnotation };
    return { ...g.first, geometry: assemble(g.parts, g.multipolygon) };
  });
  return { annotations, classes, skipped: [] };
}
