import type { Geometry, Position, Ring } from './geometry';
import type { ExportAnnotation, ExportClass } from './interchange';
import { ellipseRing, rectangleRing } from './shapes';
import { escapeAttribute } from './xml';

// Writes ASAP XML the way ASAP itself does (tab-indented, Order/X/Y coordinates, groups with empty Attributes).
// What ASAP cannot express is written as a plain ASAP shape plus "Sightline…" attributes, which ASAP ignores:
// an ellipse is a Polygon (SightlineShape="ellipse", SightlineEllipse="cx cy rx ry rotation"); a polyline of more
// than two points is a PointSet (SightlineShape="line"); a polygon with holes or a multipolygon is one Polygon per
// ring, tied together by SightlineGroup and numbered by SightlineRing="polygon/ring" (ring 0 is the outer boundary).

/** ASAP's colour for annotations outside any group. */
export const ASAP_DEFAULT_COLOUR = '#F4FA58';

const fmt = (v: number) => String(v);

function coordinates(points: readonly Position[]): string {
  const rows = points.map((p, i) => `\t\t\t\t<Coordinate Order="${i}" X="${fmt(p[0])}" Y="${fmt(p[1])}" />`);
  return `\t\t\t<Coordinates>\n${rows.join('\n')}\n\t\t\t</Coordinates>`;
}

const open = (ring: Ring) => ring.slice(0, -1);

interface Element {
  type: string;
  points: Position[];
  extra: Record<string, string>;
  suffix: string;
}

function elementsFor(g: Geometry, groupKey: string): Element[] {
  switch (g.type) {
    case 'point':
      return [{ type: 'Dot', points: [[g.x, g.y]], extra: {}, suffix: '' }];
    case 'multipoint':
      return [{ type: 'PointSet', points: g.points, extra: {}, suffix: '' }];
    case 'line':
      return g.points.length === 2
        ? [{ type: 'Measurement', points: g.points, extra: {}, suffix: '' }]
        : [{ type: 'PointSet', points: g.points, extra: { SightlineShape: 'line' }, suffix: '' }];
    case 'rectangle':
      return [{ type: 'Rectangle', points: open(rectangleRing(g)), extra: {}, suffix: '' }];
    case 'ellipse':
      return [
        {
          type: 'Polygon',
          points: open(ellipseRing(g)),
          extra: { SightlineShape: 'ellipse', SightlineEllipse: [g.cx, g.cy, g.rx, g.ry, g.rotation].map(fmt).join(' ') },
          suffix: '',
        },
      ];
    case 'polygon':
    case 'multipolygon': {
      const polygons = g.type === 'polygon' ? [g.rings] : g.polygons;
      const single = polygons.length === 1 && polygons[0].length === 1;
      if (single) return [{ type: 'Polygon', points: open(polygons[0][0]), extra: g.type === 'multipolygon' ? { SightlineShape: 'multipolygon' } : {}, suffix: '' }];
      const out: Element[] = [];
      polygons.forEach((rings, p) =>
        rings.forEach((ring, r) => {
          const extra: Record<string, string> = { SightlineGroup: groupKey, SightlineRing: `${p}/${r}` };
          if (g.type === 'multipolygon') extra.SightlineShape = 'multipolygon';
          const suffix = p === 0 && r === 0 ? '' : r === 0 ? ` (part ${p + 1})` : ` (hole ${r}${polygons.length > 1 ? ` of part ${p + 1}` : ''})`;
          out.push({ type: 'Polygon', points: open(ring), extra, suffix });
        }),
      );
      return out;
    }
  }
}

/** The annotations and the classes (as ASAP groups) as an ASAP XML document. */
export function writeAsap(annotations: readonly ExportAnnotation[], classes: readonly ExportClass[]): string {
  const groups = new Map<string, string>(classes.map((c) => [c.name, c.colour]));
  for (const a of annotations) if (a.className && !groups.has(a.className)) groups.set(a.className, a.classColour ?? ASAP_DEFAULT_COLOUR);
  const lines: string[] = ['<?xml version="1.0"?>', '<ASAP_Annotations>', '\t<Annotations>'];
  annotations.forEach((a, index) => {
    const name = a.name || `Annotation ${index}`;
    const colour = a.className ? (a.classColour ?? groups.get(a.className) ?? ASAP_DEFAULT_COLOUR) : ASAP_DEFAULT_COLOUR;
    for (const el of elementsFor(a.geometry, String(index))) {
      const attrs: Record<string, string> = { Name: name + el.suffix, Type: el.type, PartOfGroup: a.className ?? 'None', Color: colour, ...el.extra };
      if (a.description && el.suffix === '') attrs.SightlineDescription = a.description;
      const attrText = Object.entries(attrs)
        .map(([k, v]) => `${k}="${escapeAttribute(v)}"`)
        .join(' ');
      lines.push(`\t\t<Annotation ${attrText}>`, coordinates(el.points), '\t\t</Annotation>');
    }
  });
  lines.push('\t</Annotations>', '\t<AnnotationGroups>');
  for (const [name, colour] of groups) {
    lines.push(`\t\t<Group Name="${escapeAttribute(name)}" PartOfGroup="None" Color="${escapeAttribute(colour)}">`, '\t\t\t<Attributes />', '\t\t</Group>');
  }
  lines.push('\t</AnnotationGroups>', '</ASAP_Annotations>', '');
  return lines.join('\n');
}
