import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGeoJson } from '../../../shared/annotations/geojsonRead';
import { writeGeoJson } from '../../../shared/annotations/geojsonWrite';
import { AnnotationFileError, type ExportAnnotation } from '../../../shared/annotations/interchange';
import { parseColour } from '../../../shared/annotations/colour';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function errorOf(text: string): AnnotationFileError {
  try {
    parseGeoJson(text);
  } catch (e) {
    if (e instanceof AnnotationFileError) return e;
    throw e;
  }
  throw new Error('expected the file to be rejected');
}

const feature = (geometry: unknown, properties: unknown = { objectType: 'annotation' }) => ({ type: 'Feature', geometry, properties });
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('QuPath GeoJSON import', () => {
  it('reads a QuPath 0.5 export: annotations with classes and colours; detections and cells skipped', () => {
    const parsed = parseGeoJson(fixture('qupath-0.5.geojson'));
    expect(parsed.annotations.map((a) => [a.geometry.type, a.className, a.colour, a.name])).toEqual([
      ['polygon', 'Tumor', '#c80000', 'Invasive front'],
      ['polygon', 'Stroma', '#96c896', ''],
      ['polygon', null, null, 'Region of interest'],
      ['multipoint', 'Immune cells', '#a05aa0', ''],
      ['line', null, null, 'Margin distance'],
      ['multipolygon', 'Stroma', '#96c896', ''],
    ]);
    expect(parsed.skipped).toEqual([
      { reason: 'QuPath detection objects (Sightline imports annotations only)', count: 1 },
      { reason: 'QuPath cell objects (Sightline imports annotations only)', count: 1 },
    ]);
    const holed = parsed.annotations[5].geometry;
    expect(holed.type === 'multipolygon' && holed.polygons.map((p) => p.length)).toEqual([2, 1]);
    // QuPath's rectangles and ellipses arrive as the polygons QuPath wrote (no Sightline marker).
    expect(parsed.annotations[2].geometry.type).toBe('polygon');
  });

  it('reads QuPath 0.2 exports: a bare array, colorRGB as a signed int, objects told apart by id', () => {
    const parsed = parseGeoJson(fixture('qupath-0.2.json'));
    expect(parsed.annotations.map((a) => [a.geometry.type, a.className, a.colour])).toEqual([
      ['polygon', 'Tumor', '#c80000'],
      ['point', 'Necrosis', '#323232'],
    ]);
    expect(parsed.skipped).toEqual([{ reason: 'QuPath detection objects (Sightline imports annotations only)', count: 1 }]);
  });

  it('accepts derived classes, single features, bare geometries and unclosed rings', () => {
    const derived = parseGeoJson(JSON.stringify(feature({ type: 'Point', coordinates: [1, 2] }, { classification: { names: ['Tumor', 'Positive'], color: [1, 2, 3] } })));
    expect(derived.annotations[0]).toMatchObject({ className: 'Tumor: Positive', colour: '#010203' });
    const bare = parseGeoJson(JSON.stringify({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10]]] }));
    expect(bare.annotations[0].geometry).toEqual({ type: 'polygon', rings: [[[0, 0], [10, 0], [10, 10], [0, 0]]] });
    const collectionOfLines = parseGeoJson(collection(feature({ type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[5, 5], [6, 9]]] })));
    expect(collectionOfLines.annotations.map((a) => a.geometry.type)).toEqual(['line', 'line']);
  });

  it('rejects invalid files with the reason and the feature', () => {
    const open = errorOf(collection(feature({ type: 'Point', coordinates: [1, 2] }), feature({ type: 'Polygon', coordinates: [[[0, 0], [5, 5], [10, 10]]] })));
    expect(open.message).toBe('features[1].geometry.coordinates[0]: the ring has no area (all its points lie on one line)');
    expect(open.place).toEqual({ feature: 1, path: 'geometry.coordinates[0]' });
    expect(errorOf(collection(feature({ type: 'LineString', coordinates: [[0, 0], [1, 'x']] }))).message).toBe(
      'features[0].geometry.coordinates[1]: a position must hold two numbers, not [1,"x"]',
    );
    expect(errorOf(collection(feature({ type: 'Circle', coordinates: [0, 0] }))).message).toMatch(/^features\[0\]\.geometry\.type: "Circle" is not a GeoJSON geometry type/);
    expect(errorOf(collection(feature(null))).message).toBe('features[0].geometry: the feature has no geometry');
    expect(errorOf(collection({ type: 'Feature ', geometry: null })).message).toMatch(/^features\[0\]\.type: must be "Feature"/);
    expect(errorOf(collection(feature({ type: 'Point', coordinates: [1e12, 0] }))).message).toMatch(/^features\[0\]\.geometry\.coordinates: the point x is beyond/);
    expect(errorOf('{"type": "Topology"}').message).toMatch(/not GeoJSON/);
    expect(errorOf('').message).toBe('the file is empty');
  });

  it('says where malformed or truncated JSON breaks', () => {
    const text = collection(feature({ type: 'Point', coordinates: [1, 2] }));
    const truncated = errorOf(text.slice(0, text.length - 20));
    expect(truncated.message).toMatch(/truncated|ends early|not valid JSON/);
    const broken = errorOf('{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature",, }\n  ]\n}');
    expect(broken.place.line).toBe(4);
    expect(broken.message).toMatch(/^line 4, column \d+: this is not valid JSON/);
  });
});

describe('QuPath GeoJSON export', () => {
  const annotations: ExportAnnotation[] = [
    { geometry: { type: 'ellipse', cx: 500, cy: 400, rx: 120, ry: 60, rotation: 0.5 }, className: 'Tumor', classColour: '#c80000', name: 'E', description: 'oval nest' },
    { geometry: { type: 'rectangle', x: 10, y: 20, width: 30.5, height: 40 }, className: null, classColour: null, name: '', description: '' },
    { geometry: { type: 'line', points: [[0, 0], [3.25, 4]] }, className: 'Ruler', classColour: '#00ff00', name: '', description: '' },
  ];

  it('writes what QuPath reads: annotation features, classification name and RGB array, polygons for ellipses', () => {
    const doc = JSON.parse(writeGeoJson(annotations));
    expect(doc.type).toBe('FeatureCollection');
    const [ellipse, rect, line] = doc.features;
    expect(ellipse.geometry.type).toBe('Polygon');
    expect(ellipse.properties).toMatchObject({ objectType: 'annotation', name: 'E', classification: { name: 'Tumor', color: [200, 0, 0] }, description: 'oval nest', isLocked: false });
    expect(ellipse.properties.sightline).toEqual({ shape: 'ellipse', cx: 500, cy: 400, rx: 120, ry: 60, rotation: 0.5 });
    expect(rect.geometry.coordinates).toEqual([[[10, 20], [40.5, 20], [40.5, 60], [10, 60], [10, 20]]]);
    expect(rect.properties.classification).toBeUndefined();
    expect(line.geometry).toEqual({ type: 'LineString', coordinates: [[0, 0], [3.25, 4]] });
  });

  it('round-trips exactly through its own reader, shapes and classes included', () => {
    const back = parseGeoJson(writeGeoJson(annotations)).annotations;
    expect(back.map((a) => a.geometry)).toEqual(annotations.map((a) => a.geometry));
    expect(back.map((a) => [a.className, a.colour, a.name, a.description])).toEqual(annotations.map((a) => [a.className, a.classColour, a.name, a.description]));
  });

  it('falls back to the polygon when the file was edited so that it no longer is the marked ellipse', () => {
    const doc = JSON.parse(writeGeoJson(annotations.slice(0, 1)));
    doc.features[0].geometry.coordinates[0][3] = [0, 0];
    expect(parseGeoJson(JSON.stringify(doc)).annotations[0].geometry.type).toBe('polygon');
  });
});

describe('colours', () => {
  it('reads every spelling the two formats use', () => {
    expect(parseColour('#F4FA58')).toBe('#f4fa58');
    expect(parseColour('#abc')).toBe('#aabbcc');
    expect(parseColour('#80ff0000')).toBe('#ff0000');
    expect(parseColour([255, 128, 0])).toBe('#ff8000');
    expect(parseColour(-65536)).toBe('#ff0000');
    expect(parseColour(0xff00ff00)).toBe('#00ff00');
    expect(parseColour([256, 0, 0])).toBeNull();
    expect(parseColour('red')).toBeNull();
  });
});
