import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../../shared/annotations/geometry';
import { formatIdRanges, fromRecordedGeometry, recordedBox, toRecordedGeometry } from '../../../shared/annotations/navigationEvent';
import { closeRing } from '../../../shared/annotations/shapes';
import { AnnotationEvent, AnnotationGeometry, idRangesCount, parseIdRanges, parseNavigationJsonl, serializeNavigationJsonl } from '../../../shared/navigation';

const square = (x: number, y: number, s: number) =>
  closeRing([
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
  ]);

const EVERY_SHAPE: Geometry[] = [
  { type: 'point', x: 10.5, y: 20.25 },
  { type: 'multipoint', points: [[1, 2], [3, 4], [5, 6]] },
  { type: 'line', points: [[100, 100], [400, 500]] },
  { type: 'line', points: [[0, 0], [10, 0], [10, 10], [20, 10]] },
  { type: 'rectangle', x: 5, y: 6, width: 70, height: 80 },
  { type: 'ellipse', cx: 500, cy: 400, rx: 120, ry: 45.5, rotation: 0.6 },
  { type: 'polygon', rings: [square(0, 0, 100)] },
  { type: 'polygon', rings: [square(0, 0, 100), square(10, 10, 20), square(50, 50, 20)] },
  { type: 'multipolygon', polygons: [[square(0, 0, 100), square(10, 10, 20)], [square(200, 0, 30)], [square(300, 0, 300)]] },
];

describe('the geometry a session records for an annotation', () => {
  it.each(EVERY_SHAPE.map((g) => [g.type, g] as const))('records a %s faithfully, in a form the strict event schema accepts', (_type, g) => {
    const recorded = toRecordedGeometry(g);
    expect(AnnotationGeometry.parse(recorded)).toEqual(recorded);
    const back = fromRecordedGeometry(recorded);
    if (g.type === 'ellipse') {
      expect(back).toMatchObject({ type: 'ellipse', cx: g.cx, cy: g.cy, rx: g.rx, ry: g.ry });
      expect((back as typeof g).rotation).toBeCloseTo(g.rotation, 12);
    } else expect(back).toEqual(g);
  });

  it('keeps every part and hole of a multipolygon and writes rings open, an ellipse turned in degrees', () => {
    const mp = toRecordedGeometry(EVERY_SHAPE[8]);
    expect(mp.kind).toBe('multipolygon');
    if (mp.kind !== 'multipolygon') return;
    expect(mp.polygons.map((p) => [p.points.length, p.holes?.length ?? 0])).toEqual([
      [4, 1],
      [4, 0],
      [4, 0],
    ]);
    expect(mp.polygons[1]).not.toHaveProperty('holes');
    expect(toRecordedGeometry({ type: 'ellipse', cx: 0, cy: 0, rx: 2, ry: 1, rotation: Math.PI / 2 })).toMatchObject({ kind: 'ellipse', rotation: 90 });
  });

  it('still reads the kinds older recordings used (a simple polygon, a rect, a point)', () => {
    const text = [
      '{"type":"slide","id":"s","width":1000,"height":1000,"mpp":0.25}',
      '{"type":"annotation","t":1,"action":"create","annotationId":"7","geometry":{"kind":"rect","x0":1,"y0":2,"x1":30,"y1":40},"label":"Tumour"}',
      '{"type":"annotation","t":2,"action":"update","annotationId":"7","geometry":{"kind":"polygon","points":[[0,0],[10,0],[5,8]]}}',
      '{"type":"annotation","t":3,"action":"create","annotationId":"8","geometry":{"kind":"point","x":5,"y":5}}',
      '{"type":"annotation","t":4,"action":"delete","annotationId":"7"}',
    ].join('\n');
    const r = parseNavigationJsonl(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(serializeNavigationJsonl(r.session)).toBe(`${text}\n`);
  });

  it.each([
    ['a line of one point', { kind: 'line', points: [[0, 0]] }, /points/],
    ['a hole of two points', { kind: 'polygon', points: [[0, 0], [9, 0], [0, 9]], holes: [[[1, 1], [2, 2]]] }, /holes/],
    ['an empty list of holes', { kind: 'polygon', points: [[0, 0], [9, 0], [0, 9]], holes: [] }, /holes/],
    ['a multipolygon without parts', { kind: 'multipolygon', polygons: [] }, /polygons/],
    ['a multipolygon part with a misspelt key', { kind: 'multipolygon', polygons: [{ points: [[0, 0], [9, 0], [0, 9]], hole: [] }] }, /hole/],
    ['an ellipse without a radius', { kind: 'ellipse', cx: 0, cy: 0, rx: 0, ry: 1, rotation: 0 }, /rx/],
    ['an empty multipoint', { kind: 'multipoint', points: [] }, /points/],
  ])('refuses %s', (_name, geometry, message) => {
    const r = AnnotationGeometry.safeParse(geometry);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(message);
  });
});

describe('the import event', () => {
  it('names what an import created as ascending id ranges', () => {
    expect(formatIdRanges([7, 3, 1, 2, 9, 10, 2])).toBe('1-3,7,9-10');
    expect(formatIdRanges([42])).toBe('42');
    const ids = Array.from({ length: 10_000 }, (_, i) => 4012 + i);
    expect(formatIdRanges(ids)).toBe('4012-14011');
    expect(parseIdRanges('1-3,7,9-10')).toEqual([
      [1, 3],
      [7, 7],
      [9, 10],
    ]);
    expect(idRangesCount(parseIdRanges(formatIdRanges(ids))!)).toBe(10_000);
    for (const bad of ['', '3-1', '1,1', '5,2', '1-3,2', '1,,2', 'a1', '1-', ' 1']) expect(parseIdRanges(bad)).toBeNull();
  });

  it('is an annotation event with the ids, the box around them and the file name, checked strictly', () => {
    const event = { type: 'annotation', t: 5, action: 'import', annotationId: '12-40,45', geometry: recordedBox({ minX: 10, minY: 20, maxX: 300, maxY: 400 }), label: 'tumour.geojson' };
    expect(AnnotationEvent.parse(event)).toEqual({ ...event, geometry: { kind: 'rect', x0: 10, y0: 20, x1: 300, y1: 400 } });
    expect(AnnotationEvent.safeParse({ ...event, annotationId: 'a1' }).error?.issues[0]).toMatchObject({ path: ['annotationId'], message: expect.stringMatching(/ascending ids and ranges/) });
    expect(AnnotationEvent.safeParse({ ...event, geometry: undefined }).error?.issues[0].message).toMatch(/required for create, update and import/);
    expect(AnnotationEvent.safeParse({ ...event, count: 29 }).success).toBe(false);
    // A box that is flat is a line, or a point.
    expect(recordedBox({ minX: 1, minY: 5, maxX: 9, maxY: 5 })).toEqual({ kind: 'line', points: [[1, 5], [9, 5]] });
    expect(recordedBox({ minX: 1, minY: 5, maxX: 1, maxY: 5 })).toEqual({ kind: 'point', x: 1, y: 5 });
  });
});
