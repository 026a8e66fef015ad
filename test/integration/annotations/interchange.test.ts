import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/createCore';
import type { Annotation, AnnotationClass, Geometry, ImportCounts } from '../../../shared/contract';
import { call } from '../../support/tempCore';
import { addSlide, annotationSetup, auditRows, failure, setSlideSize } from './setup';

const fixture = (name: string) => readFileSync(new URL(`../../unit/annotations/fixtures/${name}`, import.meta.url), 'utf8');

type Listing = { annotations: Annotation[]; classes: AnnotationClass[] };
const list = (core: Core, slideId: number) => call<Listing>(core, 'annotations.list', { slideId });

/** One of each shape, with classes, names and descriptions; sub-pixel coordinates on purpose. */
const drawn: { geometry: Geometry; cls: string | null; name: string; description: string }[] = [
  { geometry: { type: 'point', x: 1000.25, y: 2000.5 }, cls: 'Mitosis', name: 'M1', description: '' },
  { geometry: { type: 'multipoint', points: [[10, 10], [20, 25.5], [31.75, 40]] }, cls: 'Lymphocyte', name: '', description: '' },
  { geometry: { type: 'line', points: [[100, 100], [500.5, 400]] }, cls: null, name: 'Margin', description: '2.1 mm to ink' },
  { geometry: { type: 'line', points: [[100, 100], [500, 400], [900, 100.125]] }, cls: null, name: 'Path', description: '' },
  { geometry: { type: 'rectangle', x: 300.5, y: 300, width: 200, height: 100.25 }, cls: 'Tumour', name: '', description: 'ROI' },
  { geometry: { type: 'ellipse', cx: 5000, cy: 4000, rx: 300, ry: 120.5, rotation: 0.25 }, cls: 'Tumour', name: 'Nest', description: '' },
  {
    geometry: {
      type: 'polygon',
      rings: [
        [[0, 0], [400, 0], [400, 400], [0, 400], [0, 0]],
        [[100, 100], [100, 200], [200.5, 200], [200, 100], [100, 100]],
      ],
    },
    cls: 'Stroma',
    name: '',
    description: 'with a hole',
  },
  {
    geometry: {
      type: 'multipolygon',
      polygons: [
        [[[1000, 1000], [1100, 1000], [1100, 1100], [1000, 1000]]],
        [
          [[2000, 2000], [2600, 2000], [2600, 2600], [2000, 2600], [2000, 2000]],
          [[2100, 2100], [2100, 2200], [2200, 2200], [2100, 2100]],
        ],
      ],
    },
    cls: 'Stroma',
    name: '',
    description: '',
  },
];

async function drawAll(core: Core, slideId: number, projectId: number, userId: number): Promise<void> {
  const colours: Record<string, string> = { Mitosis: '#ff00ff', Lymphocyte: '#3366ff', Tumour: '#c80000', Stroma: '#96c896' };
  const ids = new Map<string, number>();
  for (const [name, colour] of Object.entries(colours)) ids.set(name, (await call<AnnotationClass>(core, 'classes.create', { projectId, name, colour }, userId)).id);
  for (const d of drawn) {
    await call(core, 'annotations.create', { slideId, geometry: d.geometry, classId: d.cls ? ids.get(d.cls) : null, name: d.name, description: d.description }, userId);
  }
}

const summary = (l: Listing) => {
  const byId = new Map(l.classes.map((c) => [c.id, c]));
  return l.annotations.map((a) => ({ geometry: a.geometry, cls: a.classId ? byId.get(a.classId)?.name : null, colour: a.classId ? byId.get(a.classId)?.colour : null }));
};

describe('annotation interchange through the core', () => {
  for (const format of ['geojson', 'asap'] as const) {
    it(`${format}: export, then import into another project, preserves every geometry exactly, and the classes with their colours`, async () => {
      const { core, dataDir, slideId, projectId, userId } = await annotationSetup();
      await drawAll(core, slideId, projectId, userId);
      const exported = await call<{ text: string; count: number; fileName: string }>(core, 'annotations.export', { slideId, format }, userId);
      expect(exported.count).toBe(drawn.length);
      expect(exported.fileName).toBe(format === 'geojson' ? 'slide-1.geojson' : 'slide-1.xml');

      const other = await call<{ id: number }>(core, 'projects.create', { name: 'Elsewhere' }, userId);
      const c = await call<{ id: number }>(core, 'cases.create', { projectId: other.id, name: 'Case' }, userId);
      const target = await addSlide(core, dataDir, c.id, userId, 'copy.svs');
      setSlideSize(dataDir, target, 98_304, 65_536, 0.25);
      const counts = await call<ImportCounts>(core, 'annotations.import', { slideId: target, format, text: exported.text }, userId);
      expect(counts).toMatchObject({ created: drawn.length, skipped: [] });
      expect(counts.classesCreated.sort()).toEqual(['Lymphocyte', 'Mitosis', 'Stroma', 'Tumour']);
      expect(counts.byType).toEqual({ point: 1, multipoint: 1, line: 2, rectangle: 1, ellipse: 1, polygon: 1, multipolygon: 1 });

      const original = summary(await list(core, slideId));
      const imported = summary(await list(core, target));
      expect(imported).toEqual(original);
      const back = (await list(core, target)).annotations;
      expect(back.map((a) => a.description)).toEqual(drawn.map((d) => d.description));
      expect(back.every((a) => a.authorId === userId)).toBe(true);

      // Exporting the imported copy gives the same file.
      const again = await call<{ text: string }>(core, 'annotations.export', { slideId: target, format }, userId);
      expect(again.text).toBe(exported.text);
      core.close();
    });
  }

  it('imports a QuPath export: annotations only, missing classes created with QuPath colours, existing ones reused', async () => {
    const { core, dataDir, slideId, projectId, userId } = await annotationSetup();
    const existing = await call<AnnotationClass>(core, 'classes.create', { projectId, name: 'tumor', colour: '#0000ff' }, userId);
    const counts = await call<ImportCounts>(core, 'annotations.import', { slideId, format: 'geojson', text: fixture('qupath-0.5.geojson') }, userId);
    expect(counts).toMatchObject({ created: 6, classesCreated: ['Stroma', 'Immune cells'] });
    expect(counts.skipped.map((s) => s.count)).toEqual([1, 1]);
    const l = await list(core, slideId);
    expect(l.classes.map((c) => [c.name, c.colour])).toEqual([
      ['tumor', '#0000ff'],
      ['Stroma', '#96c896'],
      ['Immune cells', '#a05aa0'],
    ]);
    expect(l.annotations[0]).toMatchObject({ classId: existing.id, name: 'Invasive front' });
    expect(auditRows(dataDir, 'annotation').map((r) => r.action)).toEqual(Array(6).fill('import'));
    expect(auditRows(dataDir, 'annotation_class').map((r) => r.action)).toEqual(['create', 'import', 'import']);
    core.close();
  });

  it('imports an ASAP file, taking classes from its groups', async () => {
    const { core, slideId, userId } = await annotationSetup();
    const counts = await call<ImportCounts>(core, 'annotations.import', { slideId, format: 'asap', text: fixture('asap-1.9.xml') }, userId);
    expect(counts).toMatchObject({ created: 7, classesCreated: ['Tumor', 'Stroma', 'Immune cells', 'Exclusion'] });
    const l = await list(core, slideId);
    expect(l.classes.find((c) => c.name === 'Tumor')?.colour).toBe('#ff0000');
    expect(l.annotations.filter((a) => a.classId === null).map((a) => a.geometry.type)).toEqual(['rectangle', 'line']);
    core.close();
  });

  it('rejects an invalid file with the reason and the place, and stores nothing of it', async () => {
    const { core, dataDir, slideId, userId } = await annotationSetup();
    const features = Array.from({ length: 300 }, (_, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [i * 10, 5] },
      properties: { objectType: 'annotation', classification: { name: `Class ${i % 3}`, color: [i % 256, 0, 0] } },
    }));
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] } as never, properties: { objectType: 'annotation', classification: { name: 'Late', color: [0, 0, 0] } } });
    const bad = await failure(core, 'annotations.import', { slideId, format: 'geojson', text: JSON.stringify({ type: 'FeatureCollection', features }) }, userId);
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.message).toBe(
      'This GeoJSON file cannot be imported: features[300].geometry.coordinates[0]: the ring has 3 positions; a closed ring needs at least 4 (3 distinct points and the first repeated). Nothing was imported.',
    );
    expect(bad.details).toEqual({ place: { feature: 300, path: 'geometry.coordinates[0]' } });

    const xml = fixture('asap-1.9.xml').replace('X="41890"', 'X="41,890.5"');
    const badXml = await failure(core, 'annotations.import', { slideId, format: 'asap', text: xml }, userId);
    expect(badXml.message).toBe('This ASAP XML file cannot be imported: line 12, <Coordinate>: X="41,890.5" is not a number. Nothing was imported.');
    expect(badXml.details).toEqual({ place: { line: 12, element: 'Coordinate' } });

    expect((await failure(core, 'annotations.import', { slideId, format: 'asap', text: fixture('qupath-0.5.geojson') }, userId)).message).toMatch(/looks like JSON \(GeoJSON\?\), not ASAP XML/);
    expect((await failure(core, 'annotations.import', { slideId, format: 'geojson', text: fixture('asap-1.9.xml') }, userId)).message).toMatch(/looks like XML \(ASAP\?\), not GeoJSON/);

    // Camelyon16 coordinates reach y = 122,142: on this 65,536 px tall slide one annotation lies wholly outside.
    const wrongSlide = await failure(core, 'annotations.import', { slideId, format: 'asap', text: fixture('camelyon16.xml') }, userId);
    expect(wrongSlide.message).toMatch(/^This ASAP XML file does not fit this slide: line 4, <Annotation>: it lies entirely outside the slide .* Is it the file of another slide\? Nothing was imported\.$/);

    const l = await list(core, slideId);
    expect(l.annotations).toEqual([]);
    expect(l.classes).toEqual([]);
    expect(auditRows(dataDir, 'annotation')).toEqual([]);
    expect(auditRows(dataDir, 'annotation_class')).toEqual([]);
    core.close();
  });
});
