import { describe, expect, it } from 'vitest';
import type { Annotation, AnnotationClass, Geometry } from '../../../shared/contract';
import { call } from '../../support/tempCore';
import { addSlide, annotationSetup, auditRows, failure } from './setup';

type Listing = { annotations: Annotation[]; classes: AnnotationClass[]; mpp: { x: number; y: number } | null; width: number | null; projectId: number };

const shapes: Geometry[] = [
  { type: 'point', x: 1000, y: 2000 },
  { type: 'multipoint', points: [[10, 10], [20, 25.5]] },
  { type: 'line', points: [[100, 100], [500, 400]] },
  { type: 'rectangle', x: 300, y: 300, width: 200, height: 100 },
  { type: 'ellipse', cx: 5000, cy: 4000, rx: 300, ry: 120, rotation: 0.25 },
  { type: 'polygon', rings: [[[0, 0], [400, 0], [400, 400], [0, 400], [0, 0]], [[100, 100], [100, 200], [200, 200], [200, 100], [100, 100]]] },
  { type: 'multipolygon', polygons: [[[[0, 0], [10, 0], [10, 10], [0, 0]]], [[[50, 50], [60, 50], [60, 60], [50, 50]]]] },
];

describe('annotations through the core boundary', () => {
  it('creates every kind of shape on a slide, lists them with the classes and the pixel size, and records the author', async () => {
    const { core, slideId, userId, projectId } = await annotationSetup();
    const tumour = await call<AnnotationClass>(core, 'classes.create', { projectId, name: 'Tumour', colour: '#C80000', shortcut: 1 }, userId);
    for (const geometry of shapes) await call(core, 'annotations.create', { slideId, geometry, classId: tumour.id, description: `a ${geometry.type}` }, userId);
    const list = await call<Listing>(core, 'annotations.list', { slideId });
    expect(list.annotations.map((a) => a.geometry)).toEqual(shapes);
    expect(list.annotations.every((a) => a.authorName === 'Ada' && a.version === 1 && a.classId === tumour.id && !a.deleted)).toBe(true);
    expect(list.annotations[2].bounds).toEqual({ minX: 100, minY: 100, maxX: 500, maxY: 400 });
    expect(list.classes).toEqual([expect.objectContaining({ name: 'Tumour', colour: '#c80000', shortcut: 1, annotationCount: shapes.length })]);
    expect(list).toMatchObject({ projectId, width: 98_304, mpp: { x: 0.25, y: 0.25 } });
    core.close();
  });

  it('updates with optimistic concurrency: a stale version is a CONFLICT carrying the current annotation', async () => {
    const { core, slideId, userId } = await annotationSetup();
    const a = await call<Annotation>(core, 'annotations.create', { slideId, geometry: shapes[3] }, userId);
    const moved = await call<Annotation>(core, 'annotations.update', { id: a.id, version: 1, geometry: { ...shapes[3], x: 310 } }, userId);
    expect(moved).toMatchObject({ version: 2, geometry: { x: 310 }, bounds: { minX: 310, maxX: 510 } });
    const stale = await failure(core, 'annotations.update', { id: a.id, version: 1, description: 'late edit' }, userId);
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/changed since version 1.*version 2/);
    expect((stale.details as { current: Annotation }).current).toMatchObject({ version: 2, description: '' });
    const described = await call<Annotation>(core, 'annotations.update', { id: a.id, version: 2, description: 'cribriform', name: 'Focus 1' }, userId);
    expect(described).toMatchObject({ version: 3, description: 'cribriform', name: 'Focus 1', geometry: { x: 310 } });
    // Saving what is already there changes nothing and keeps the version.
    expect(await call<Annotation>(core, 'annotations.update', { id: a.id, version: 3, description: 'cribriform' }, userId)).toMatchObject({ version: 3 });
    core.close();
  });

  it('deletes softly and restores the same annotation (undo of a delete), each an audited change', async () => {
    const { core, dataDir, slideId, userId } = await annotationSetup();
    const a = await call<Annotation>(core, 'annotations.create', { slideId, geometry: shapes[5] }, userId);
    const deleted = await call<Annotation>(core, 'annotations.delete', { id: a.id, version: 1 }, userId);
    expect(deleted).toMatchObject({ deleted: true, version: 2 });
    expect((await call<Listing>(core, 'annotations.list', { slideId })).annotations).toEqual([]);
    expect((await call<Listing>(core, 'annotations.list', { slideId, includeDeleted: true })).annotations).toHaveLength(1);
    expect((await failure(core, 'annotations.update', { id: a.id, version: 2, name: 'x' }, userId)).message).toMatch(/was deleted/);
    const restored = await call<Annotation>(core, 'annotations.restore', { id: a.id }, userId);
    expect(restored).toMatchObject({ id: a.id, deleted: false, version: 3, geometry: shapes[5] });
    expect(await failure(core, 'annotations.delete', { id: a.id, version: 2 }, userId)).toMatchObject({ code: 'CONFLICT' });

    const rows = auditRows(dataDir, 'annotation');
    expect(rows.map((r) => r.action)).toEqual(['create', 'delete', 'restore']);
    expect(rows.every((r) => r.actor_id === userId && r.entity_id === String(a.id))).toBe(true);
    expect(JSON.parse(rows[1].before as string)).toMatchObject({ deleted: false, version: 1 });
    expect(JSON.parse(rows[1].after as string)).toMatchObject({ deleted: true, version: 2 });
    expect(rows[0].before).toBeNull();
    expect(await call(core, 'audit.verify', {})).toMatchObject({ ok: true });
    core.close();
  });

  it('rejects bad geometry, foreign classes, off-slide shapes and unknown ids with typed errors, storing nothing', async () => {
    const { core, dataDir, slideId, userId, caseId } = await annotationSetup();
    const open = await failure(core, 'annotations.create', { slideId, geometry: { type: 'polygon', rings: [[[0, 0], [10, 0], [10, 10]]] } }, userId);
    expect(open).toMatchObject({ code: 'INVALID_INPUT' });
    expect(open.message).toBe('geometry.rings.0: is not closed: its last position must repeat its first');
    expect((await failure(core, 'annotations.create', { slideId, geometry: { type: 'point', x: Infinity, y: 0 } }, userId)).code).toBe('INVALID_INPUT');
    expect((await failure(core, 'annotations.create', { slideId, geometry: { type: 'rectangle', x: 0, y: 0, width: -5, height: 5 } }, userId)).message).toMatch(/width/);
    const off = await failure(core, 'annotations.create', { slideId, geometry: { type: 'point', x: 200_000, y: 10 } }, userId);
    expect(off.message).toMatch(/entirely outside the slide.*98,304 × 65,536 px/);

    const other = await call<{ id: number }>(core, 'projects.create', { name: 'Other' }, userId);
    const foreign = await call<AnnotationClass>(core, 'classes.create', { projectId: other.id, name: 'Alien' }, userId);
    expect((await failure(core, 'annotations.create', { slideId, geometry: shapes[0], classId: foreign.id }, userId)).message).toMatch(/belongs to another project/);
    expect((await failure(core, 'annotations.create', { slideId: 999, geometry: shapes[0] }, userId)).code).toBe('NOT_FOUND');
    expect((await failure(core, 'annotations.update', { id: 999, version: 1, name: 'x' }, userId)).code).toBe('NOT_FOUND');
    expect((await failure(core, 'annotations.create', { slideId, geometry: shapes[0] }, 4242)).code).toBe('UNAUTHORIZED');

    // A slide whose size is not known yet (never opened) takes any in-range geometry.
    const unopened = await addSlide(core, dataDir, caseId, userId, 'slide-2.svs');
    expect(await call<Annotation>(core, 'annotations.create', { slideId: unopened, geometry: { type: 'point', x: 200_000, y: 10 } }, userId)).toMatchObject({ version: 1 });
    expect((await call<Listing>(core, 'annotations.list', { slideId })).annotations).toEqual([]);
    expect(auditRows(dataDir, 'annotation')).toHaveLength(1);
    core.close();
  });
});
