import { describe, expect, it } from 'vitest';
import type { Annotation, AnnotationClass } from '../../../shared/contract';
import { CLASS_PALETTE } from '../../../shared/annotations/colour';
import { call } from '../../support/tempCore';
import { addSlide, annotationSetup, auditRows, failure, setSlideSize } from './setup';

describe('annotation classes', () => {
  it('keeps a per-project list in sort order, with palette colours and digit shortcuts', async () => {
    const { core, projectId, userId } = await annotationSetup();
    const tumour = await call<AnnotationClass>(core, 'classes.create', { projectId, name: 'Tumour', shortcut: 1 }, userId);
    const stroma = await call<AnnotationClass>(core, 'classes.create', { projectId, name: 'Stroma', colour: '#00AA00' }, userId);
    expect(tumour).toMatchObject({ colour: CLASS_PALETTE[0], shortcut: 1, sortOrder: 0, annotationCount: 0 });
    expect(stroma).toMatchObject({ colour: '#00aa00', shortcut: null, sortOrder: 1 });
    await call(core, 'classes.update', { id: stroma.id, sortOrder: -1, shortcut: 2, name: 'Stroma (desmoplastic)' }, userId);
    expect((await call<AnnotationClass[]>(core, 'classes.list', { projectId })).map((c) => [c.name, c.shortcut])).toEqual([
      ['Stroma (desmoplastic)', 2],
      ['Tumour', 1],
    ]);
    // Clearing a shortcut is explicit (null); leaving it out keeps it.
    expect(await call<AnnotationClass>(core, 'classes.update', { id: tumour.id, colour: '#123456' }, userId)).toMatchObject({ shortcut: 1, colour: '#123456' });
    expect(await call<AnnotationClass>(core, 'classes.update', { id: tumour.id, shortcut: null }, userId)).toMatchObject({ shortcut: null });
    expect(auditRows(core.dataDir, 'annotation_class').map((r) => r.action)).toEqual(['create', 'create', 'update', 'update', 'update']);
    core.close();
  });

  it('refuses a duplicate name (any case), a taken shortcut, and bad colours or digits', async () => {
    const { core, projectId, userId } = await annotationSetup();
    const tumour = await call<AnnotationClass>(core, 'classes.create', { projectId, name: 'Tumour', shortcut: 3 }, userId);
    expect(await failure(core, 'classes.create', { projectId, name: 'TUMOUR' }, userId)).toMatchObject({ code: 'CONFLICT', message: 'This project already has a class named "Tumour".' });
    const other = await call<AnnotationClass>(core, 'classes.create', { projectId, name: 'Other' }, userId);
    expect((await failure(core, 'classes.update', { id: other.id, shortcut: 3 }, userId)).message).toBe('The key 3 already assigns the class "Tumour": free it there first.');
    expect((await failure(core, 'classes.create', { projectId, name: 'X', colour: 'red' }, userId)).code).toBe('INVALID_INPUT');
    expect((await failure(core, 'classes.create', { projectId, name: 'X', shortcut: 0 }, userId)).message).toMatch(/1–9/);
    expect((await failure(core, 'classes.list', { projectId: 77 }, userId)).code).toBe('NOT_FOUND');
    // A class may be renamed to its own name in other letter case.
    expect(await call<AnnotationClass>(core, 'classes.update', { id: tumour.id, name: 'tumour' }, userId)).toMatchObject({ name: 'tumour' });
    core.close();
  });

  it('deletes a class in use only when told where its annotations go, and bumps their versions', async () => {
    const { core, slideId, projectId, userId } = await annotationSetup();
    const tumour = await call<AnnotationClass>(core, 'classes.create', { projectId, name: 'Tumour' }, userId);
    const stroma = await call<AnnotationClass>(core, 'classes.create', { projectId, name: 'Stroma' }, userId);
    const a = await call<Annotation>(core, 'annotations.create', { slideId, classId: tumour.id, geometry: { type: 'point', x: 1, y: 1 } }, userId);
    const b = await call<Annotation>(core, 'annotations.create', { slideId, classId: tumour.id, geometry: { type: 'point', x: 2, y: 2 } }, userId);
    await call(core, 'annotations.delete', { id: b.id }, userId);
    const refused = await failure(core, 'classes.delete', { id: tumour.id }, userId);
    expect(refused).toMatchObject({ code: 'CONFLICT', message: 'The class "Tumour" is used by 1 annotation (and 1 deleted one): choose a class to move them to, or none.' });
    expect(await call(core, 'classes.delete', { id: tumour.id, reassignTo: stroma.id }, userId)).toEqual({ ok: true, reassigned: 2 });
    const list = await call<{ annotations: Annotation[]; classes: AnnotationClass[] }>(core, 'annotations.list', { slideId, includeDeleted: true });
    expect(list.annotations.map((x) => [x.id, x.classId, x.version])).toEqual([
      [a.id, stroma.id, 2],
      [b.id, stroma.id, 3],
    ]);
    expect(list.classes.map((c) => [c.name, c.annotationCount])).toEqual([['Stroma', 1]]);
    expect(await call(core, 'classes.delete', { id: stroma.id, reassignTo: null }, userId)).toEqual({ ok: true, reassigned: 2 });
    expect((await call<{ annotations: Annotation[] }>(core, 'annotations.list', { slideId })).annotations[0].classId).toBeNull();
    // The restored annotation comes back unclassified rather than pointing at a class that is gone.
    expect(await call<Annotation>(core, 'annotations.restore', { id: b.id }, userId)).toMatchObject({ classId: null, deleted: false });
    core.close();
  });

  it("writes each reassigned annotation's change as an audit row, before the class's own, in the same transaction", async () => {
    const { core, dataDir, slideId, caseId, projectId, userId } = await annotationSetup();
    const second = await addSlide(core, dataDir, caseId, userId, 'slide-2.svs');
    setSlideSize(dataDir, second, 1000, 1000, 0.5);
    const tumour = await call<AnnotationClass>(core, 'classes.create', { projectId, name: 'Tumour' }, userId);
    const stroma = await call<AnnotationClass>(core, 'classes.create', { projectId, name: 'Stroma' }, userId);
    const a = await call<Annotation>(core, 'annotations.create', { slideId, classId: tumour.id, geometry: { type: 'point', x: 1, y: 1 } }, userId);
    const b = await call<Annotation>(core, 'annotations.create', { slideId: second, classId: tumour.id, geometry: { type: 'point', x: 2, y: 2 } }, userId);
    const c = await call<Annotation>(core, 'annotations.create', { slideId, classId: tumour.id, geometry: { type: 'point', x: 3, y: 3 } }, userId);
    const gone = await call<Annotation>(core, 'annotations.delete', { id: c.id }, userId);
    await call<Annotation>(core, 'annotations.create', { slideId, classId: stroma.id, geometry: { type: 'point', x: 4, y: 4 } }, userId);
    const rowsBefore = auditRows(dataDir, 'annotation').length;

    // A refused deletion writes nothing.
    const otherProject = await call<{ id: number }>(core, 'projects.create', { name: 'Other' }, userId);
    const foreign = await call<AnnotationClass>(core, 'classes.create', { projectId: otherProject.id, name: 'Foreign' }, userId);
    expect((await failure(core, 'classes.delete', { id: tumour.id, reassignTo: foreign.id }, userId)).code).toBe('INVALID_INPUT');
    expect(auditRows(dataDir, 'annotation')).toHaveLength(rowsBefore);

    expect(await call(core, 'classes.delete', { id: tumour.id, reassignTo: stroma.id }, userId)).toEqual({ ok: true, reassigned: 3 });
    const rows = auditRows(dataDir, 'annotation').slice(rowsBefore);
    expect(rows.map((r) => [r.action, Number(r.entity_id), r.actor_id])).toEqual([
      ['update', a.id, userId],
      ['update', b.id, userId],
      ['update', c.id, userId],
    ]);
    const parsed = rows.map((r) => ({ before: JSON.parse(r.before!) as Annotation, after: JSON.parse(r.after!) as Annotation }));
    expect(parsed.map((p) => [p.before.classId, p.after.classId, p.after.version - p.before.version])).toEqual([
      [tumour.id, stroma.id, 1],
      [tumour.id, stroma.id, 1],
      [tumour.id, stroma.id, 1],
    ]);
    expect(parsed[2].before).toEqual(gone);
    expect(parsed[2].after).toMatchObject({ deleted: true, classId: stroma.id });
    expect(parsed[1].after.slideId).toBe(second);
    // The class's row follows the annotations' rows and still lists them.
    const classRows = auditRows(dataDir, 'annotation_class');
    expect(JSON.parse(classRows.at(-1)!.after!)).toEqual({ reassignedTo: stroma.id, annotationIds: [a.id, b.id, c.id] });
    expect(await call(core, 'audit.verify', {})).toMatchObject({ ok: true });
    core.close();
  });
});
