import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../../shared/annotations/geometry';
import { geometryBounds } from '../../../shared/annotations/measure';
import { SpatialIndex } from '../../../shared/annotations/spatialIndex';
import type { Annotation } from '../../../shared/contract';
import { guessFormat } from '../../../renderer/src/features/annotations/fileFormat';
import { annotationTitle, filteredIds, measurementText } from '../../../renderer/src/features/annotations/listing';
import { pickAnnotation } from '../../../renderer/src/features/annotations/pick';
import { roundGeometry } from '../../../renderer/src/features/annotations/roundGeometry';
import { nextInOrder, selectClick } from '../../../renderer/src/features/annotations/selection';

describe('selection by click', () => {
  it('a click selects one annotation, Shift+click adds or removes, a click on nothing clears', () => {
    let s = selectClick(new Set(), 3, false);
    expect([...s]).toEqual([3]);
    s = selectClick(s, 5, true);
    expect([...s].sort()).toEqual([3, 5]);
    s = selectClick(s, 3, true);
    expect([...s]).toEqual([5]);
    expect([...selectClick(s, null, true)]).toEqual([5]);
    expect([...selectClick(s, null, false)]).toEqual([]);
    expect([...selectClick(s, 9, false)]).toEqual([9]);
  });

  it('next goes through the list in order and wraps; back goes the other way', () => {
    const ids = [2, 5, 9];
    expect(nextInOrder(ids, null)).toBe(2);
    expect(nextInOrder(ids, 2)).toBe(5);
    expect(nextInOrder(ids, 9)).toBe(2);
    expect(nextInOrder(ids, 2, true)).toBe(9);
    expect(nextInOrder(ids, null, true)).toBe(9);
    expect(nextInOrder(ids, 7)).toBe(2);
    expect(nextInOrder([], null)).toBeNull();
  });
});

describe('picking', () => {
  const shapes: Record<number, Geometry> = {
    1: { type: 'rectangle', x: 0, y: 0, width: 1000, height: 1000 },
    2: { type: 'ellipse', cx: 500, cy: 500, rx: 50, ry: 30, rotation: 0 },
    3: { type: 'line', points: [[100, 100], [300, 100]] },
    4: { type: 'point', x: 800, y: 800 },
  };
  const index = new SpatialIndex<number>(Object.entries(shapes).map(([id, g]) => [Number(id), geometryBounds(g)]));
  const pick = (x: number, y: number, tol = 5) => pickAnnotation(index, (id) => shapes[id], x, y, tol);

  it('inside nested areas, the smallest wins', () => {
    expect(pick(500, 500)).toBe(2);
    expect(pick(200, 600)).toBe(1);
  });

  it('lines and points are hit within the tolerance, before the area they lie on', () => {
    expect(pick(200, 103)).toBe(3);
    expect(pick(803, 798)).toBe(4);
    expect(pick(200, 110)).toBe(1);
  });

  it('nothing there: null', () => {
    expect(pick(1500, 1500)).toBeNull();
    expect(pick(1004, 500)).toBe(1);
  });
});

const ann = (id: number, classId: number | null, geometry: Geometry, name = ''): Annotation => ({
  id,
  slideId: 1,
  classId,
  geometry,
  name,
  description: '',
  authorId: null,
  authorName: null,
  createdAt: '',
  updatedAt: '',
  deleted: false,
  version: 1,
  bounds: geometryBounds(geometry),
});

describe('the annotation list', () => {
  const list = [ann(7, 1, { type: 'point', x: 1, y: 1 }), ann(3, null, { type: 'line', points: [[0, 0], [400, 0]] }), ann(5, 1, { type: 'rectangle', x: 0, y: 0, width: 100, height: 40 }, 'Gland')];

  it('filters by class (or the unclassified) in creation order', () => {
    expect(filteredIds(list, 'all')).toEqual([3, 5, 7]);
    expect(filteredIds(list, 1)).toEqual([5, 7]);
    expect(filteredIds(list, 'none')).toEqual([3]);
  });

  it('names rows by name, else type and id, and shows µm measurements when the pixel size is known', () => {
    expect(annotationTitle(list[0])).toBe('Point 7');
    expect(annotationTitle(list[2])).toBe('Gland');
    expect(measurementText(list[1], { x: 0.25, y: 0.25 })).toBe('100 µm');
    expect(measurementText(list[2], { x: 0.25, y: 0.25 })).toBe('250 µm²');
    expect(measurementText(list[1], null)).toBe('400.0 px');
    expect(measurementText(list[2], null)).toBe('4,000 px²');
  });
});

describe('small helpers', () => {
  it('the import format comes from the extension, else the first character', () => {
    expect(guessFormat('a.xml', '{')).toBe('asap');
    expect(guessFormat('a.geojson', '<')).toBe('geojson');
    expect(guessFormat('a.json', '')).toBe('geojson');
    expect(guessFormat('export', '  <?xml version="1.0"?>')).toBe('asap');
    expect(guessFormat('export', '{"type":"FeatureCollection"}')).toBe('geojson');
  });

  it('dragged geometry is rounded to 1/100 px', () => {
    expect(roundGeometry({ type: 'line', points: [[0.1 + 0.2, 1.005], [3.14159, 2]] })).toEqual({ type: 'line', points: [[0.3, 1], [3.14, 2]] });
    expect(roundGeometry({ type: 'rectangle', x: 0.30000000000000004, y: 1, width: 2.499, height: 3 })).toEqual({ type: 'rectangle', x: 0.3, y: 1, width: 2.5, height: 3 });
  });
});
