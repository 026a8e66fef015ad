import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAsap } from '../../../shared/annotations/asapRead';
import { writeAsap } from '../../../shared/annotations/asapWrite';
import { AnnotationFileError, type ExportAnnotation } from '../../../shared/annotations/interchange';
import { closeRing } from '../../../shared/annotations/shapes';
import { parseXml, XmlSyntaxError } from '../../../shared/annotations/xml';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function errorOf(text: string): AnnotationFileError {
  try {
    parseAsap(text);
  } catch (e) {
    if (e instanceof AnnotationFileError) return e;
    throw e;
  }
  throw new Error('expected the file to be rejected');
}

const wrap = (annotations: string, groups = '') =>
  `<?xml version="1.0"?>\n<ASAP_Annotations>\n\t<Annotations>\n${annotations}\n\t</Annotations>\n\t<AnnotationGroups>${groups}</AnnotationGroups>\n</ASAP_Annotations>\n`;

describe('ASAP XML import', () => {
  it('reads every ASAP annotation type, puts coordinates in Order, and takes classes from the groups', () => {
    const parsed = parseAsap(fixture('asap-1.9.xml'));
    expect(parsed.annotations.map((a) => [a.geometry.type, a.className, a.colour, a.name])).toEqual([
      ['polygon', 'Tumor', '#ff0000', 'Annotation 0'],
      ['polygon', 'Stroma', '#64fe2e', 'Annotation 1'],
      ['rectangle', null, '#f4fa58', 'Annotation 2'],
      ['point', 'Immune cells', '#aa55ff', 'Annotation 3'],
      ['multipoint', 'Immune cells', '#aa55ff', 'Annotation 4'],
      ['line', null, '#f4fa58', 'Annotation 5'],
      ['polygon', 'Exclusion', '#000000', '_6'],
    ]);
    const tumour = parsed.annotations[0].geometry;
    expect(tumour.type === 'polygon' && tumour.rings[0].slice(0, 3)).toEqual([
      [41200.5, 30210.25],
      [41890, 30050.75],
      [42630.5, 30490],
    ]);
    expect(parsed.annotations[2].geometry).toEqual({ type: 'rectangle', x: 20000, y: 15000, width: 4000, height: 3000 });
    expect(parsed.annotations[5].geometry).toEqual({ type: 'line', points: [[30000, 40000], [31900, 40650.25]] });
    expect(parsed.classes.map((c) => c.name)).toEqual(['Tumor', 'Stroma', 'Immune cells', 'Exclusion', 'Unused group']);
    expect(parsed.annotations[0].place).toEqual({ line: 4, element: 'Annotation' });
  });

  it('reads Camelyon16 files (float32 coordinates, "_N" groups)', () => {
    const parsed = parseAsap(fixture('camelyon16.xml'));
    expect(parsed.annotations.map((a) => a.className)).toEqual(['_0', '_2']);
    const g = parsed.annotations[0].geometry;
    expect(g.type === 'polygon' && g.rings[0][0]).toEqual([71560.7969, 121740.898]);
  });

  it('rejects invalid files with the reason, the line and the element', () => {
    const bad = errorOf(wrap('\t\t<Annotation Name="a" Type="Polygon" PartOfGroup="None">\n\t\t\t<Coordinates>\n\t\t\t\t<Coordinate Order="0" X="1" Y="2" />\n\t\t\t\t<Coordinate Order="1" X="abc" Y="2" />\n\t\t\t</Coordinates>\n\t\t</Annotation>'));
    expect(bad.message).toBe('line 7, <Coordinate>: X="abc" is not a number');
    expect(bad.place).toEqual({ line: 7, element: 'Coordinate' });
    const few = errorOf(wrap('\t\t<Annotation Name="a" Type="Polygon" PartOfGroup="None"><Coordinates><Coordinate Order="0" X="1" Y="2" /><Coordinate Order="1" X="3" Y="2" /></Coordinates></Annotation>'));
    expect(few.message).toBe('line 4, <Annotation>: a Polygon needs at least 3 coordinates (its vertices); this one has 2');
    expect(errorOf(wrap('\t\t<Annotation Name="a" Type="Circle" PartOfGroup="None"><Coordinates /></Annotation>')).message).toMatch(/^line 4, <Annotation>: Type="Circle" is not an ASAP annotation type/);
    expect(errorOf(wrap('\t\t<Annotation Name="a" Type="Dot"><Coordinates><Coordinate Order="0" X="1" Y="1"/><Coordinate Order="0" X="2" Y="2"/></Coordinates></Annotation>')).message).toMatch(
      /Order="0" appears twice/,
    );
    expect(errorOf('<Annotations/>').message).toMatch(/not an ASAP annotation file/);
  });

  it('says where malformed or truncated XML breaks', () => {
    const full = fixture('asap-1.9.xml');
    const truncated = errorOf(full.slice(0, Math.floor(full.length / 2)));
    expect(truncated.message).toMatch(/^line \d+, column \d+: this is not well-formed XML: .*truncated/);
    const mismatched = errorOf(wrap('\t\t<Annotation Name="a" Type="Dot">\n\t\t\t<Coordinates>\n\t\t</Annotation>'));
    expect(mismatched.message).toBe('line 6, column 3: this is not well-formed XML: </Annotation> does not match <Coordinates> opened on line 5');
    expect(errorOf('{"type": "FeatureCollection"}').message).toMatch(/text before the root element/);
  });
});

describe('ASAP XML export', () => {
  const square = closeRing([
    [0, 0],
    [100, 0],
    [100, 100],
    [0, 100],
  ]);
  const hole = closeRing([
    [25, 25],
    [25, 75],
    [75, 75],
    [75, 25],
  ]);
  const annotations: ExportAnnotation[] = [
    { geometry: { type: 'polygon', rings: [square, hole] }, className: 'Tumor & "margin"', classColour: '#ff0000', name: 'Holed', description: 'two\nlines' },
    { geometry: { type: 'ellipse', cx: 500, cy: 400, rx: 120, ry: 60, rotation: 0.5 }, className: 'Tumor & "margin"', classColour: '#ff0000', name: '', description: '' },
    { geometry: { type: 'line', points: [[0, 0], [5, 5], [9.125, 1]] }, className: null, classColour: null, name: 'Path', description: '' },
    { geometry: { type: 'multipolygon', polygons: [[square]] }, className: null, classColour: null, name: 'M', description: '' },
    { geometry: { type: 'point', x: 1.5, y: 2.5 }, className: null, classColour: null, name: 'P', description: '' },
    { geometry: { type: 'multipoint', points: [[1, 2], [3, 4]] }, className: null, classColour: null, name: 'S', description: '' },
    { geometry: { type: 'rectangle', x: 1, y: 2, width: 3, height: 4 }, className: null, classColour: null, name: 'R', description: '' },
    { geometry: { type: 'line', points: [[0, 0], [7, 0]] }, className: null, classColour: null, name: 'Ruler', description: '' },
  ];

  it('writes ASAP types, escaped attributes, groups, and open coordinate lists in Order', () => {
    const xml = writeAsap(annotations, [{ name: 'Unused', colour: '#123456' }]);
    const root = parseXml(xml);
    const els = root.children[0].children;
    expect(els.map((e) => e.attrs.Type)).toEqual(['Polygon', 'Polygon', 'Polygon', 'PointSet', 'Polygon', 'Dot', 'PointSet', 'Rectangle', 'Measurement']);
    expect(els[0].attrs).toMatchObject({ Name: 'Holed', PartOfGroup: 'Tumor & "margin"', Color: '#ff0000', SightlineGroup: '0', SightlineRing: '0/0', SightlineDescription: 'two\nlines' });
    expect(els[1].attrs).toMatchObject({ Name: 'Holed (hole 1)', SightlineRing: '0/1' });
    expect(els[2].attrs.Name).toBe('Annotation 1');
    expect(els[7].children[0].children.map((c) => [c.attrs.Order, c.attrs.X, c.attrs.Y])).toEqual([
      ['0', '1', '2'],
      ['1', '4', '2'],
      ['2', '4', '6'],
      ['3', '1', '6'],
    ]);
    expect(root.children[1].children.map((g) => [g.attrs.Name, g.attrs.PartOfGroup, g.attrs.Color])).toEqual([
      ['Unused', 'None', '#123456'],
      ['Tumor & "margin"', 'None', '#ff0000'],
    ]);
    expect(xml).toContain('\t\t\t\t<Coordinate Order="0" X="1.5" Y="2.5" />');
  });

  it('round-trips exactly through its own reader: holes, ellipses, polylines and multipolygons restored', () => {
    const back = parseAsap(writeAsap(annotations, [])).annotations;
    expect(back.map((a) => a.geometry)).toEqual(annotations.map((a) => a.geometry));
    expect(back.map((a) => a.className)).toEqual(annotations.map((a) => a.className));
    expect(back[0].description).toBe('two\nlines');
  });

  it('reads a Sightline file ASAP has re-saved (Sightline attributes dropped) as plain ASAP shapes', () => {
    const resaved = writeAsap(annotations.slice(0, 3), []).replace(/ Sightline\w+="[^"]*"/g, '');
    expect(parseAsap(resaved).annotations.map((a) => a.geometry.type)).toEqual(['polygon', 'polygon', 'polygon', 'multipoint']);
  });
});

describe('the XML reader', () => {
  it('decodes entities and character references and skips comments, DOCTYPE and CDATA', () => {
    const root = parseXml('\uFEFF<?xml version="1.0"?>\n<!DOCTYPE a [<!ELEMENT a ANY>]>\n<!-- hi -->\n<a x="&lt;&amp;&gt;&quot;&apos;&#65;&#x42;"><![CDATA[<b>]]><b/></a>');
    expect(root.attrs.x).toBe(`<&>"'AB`);
    expect(root.children.map((c) => [c.name, c.line])).toEqual([['b', 4]]);
  });

  it('reports the line and column of what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['<a x="1" x="2"/>', /line 1, column 10: <a> has the attribute x twice/],
      ['<a>\n<b x=1/></a>', /line 2, column 6: the value of attribute x of <b> must be in quotes/],
      ['<a>\n  &nbsp;</a>', /line 2, column 3: unknown entity "&nbsp;"/],
      ['<a/><b/>', /line 1, column 5: a second root element/],
      ['<a>\n<b>\n</a>', /line 3, column 1: <\/a> does not match <b> opened on line 2/],
      ['<a x="1', /never closed/],
      ['', /the file is empty/],
    ];
    for (const [text, message] of cases) expect(() => parseXml(text)).toThrow(message);
    expect(() => parseXml('<a>')).toThrow(XmlSyntaxError);
  });
});
