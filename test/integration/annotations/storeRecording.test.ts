// The renderer's annotation store against a real core: what it records in the session and what undo does with it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/core/createCore';
import type { AnnotationClass } from '../../../shared/contract';
import { AnnotationEvent, idRangesCount, parseIdRanges, type AnnotationEvent as RecordedEvent } from '../../../shared/navigation';
import { addSlide, annotationSetup, auditRows, setSlideSize, type AnnotationSetup } from './setup';

const h = vi.hoisted(() => ({ core: null as Core | null, actor: null as number | null, events: [] as unknown[] }));

vi.mock('../../../renderer/src/api/client', async () => {
  const { AppError } = await import('../../../shared/contract');
  return {
    api: {
      door: 'browser',
      async call(name: string, input: unknown) {
        const env = await h.core!.invoke(name, input, { actorId: h.actor });
        if (!env.ok) throw new AppError(env.error);
        return env.value;
      },
    },
    errorMessage: (e: unknown) => (e instanceof Error ? e.message : String(e)),
  };
});

// The recorder's own store is not under test: its recordAnnotation builds the event as below.
vi.mock('../../../renderer/src/stores/useRecorderStore', () => ({
  useRecorderStore: {
    getState: () => ({
      recordAnnotation(action: string, id: number | string, geometry: unknown, label?: string) {
        h.events.push({ type: 'annotation', t: h.events.length, action, annotationId: String(id), ...(action !== 'delete' && geometry ? { geometry } : {}), ...(label ? { label } : {}) });
      },
    }),
  },
}));

const { useAnnotationStore } = await import('../../../renderer/src/stores/useAnnotationStore');
const { useUndoStore } = await import('../../../renderer/src/stores/useUndoStore');
const { useAnnotationToolStore } = await import('../../../renderer/src/stores/useAnnotationToolStore');

/** What was recorded since the last call, each checked against the strict event schema. */
function taken(): RecordedEvent[] {
  const out = h.events.map((e) => AnnotationEvent.parse(e));
  h.events = [];
  return out;
}

const point = (x: number, y: number, cls?: string) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [x, y] },
  properties: { objectType: 'annotation', ...(cls ? { classification: { name: cls, color: [200, 0, 0] } } : {}) },
});
const geojson = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

let s: AnnotationSetup;
const store = () => useAnnotationStore.getState();
const classNamed = (name: string) => store().classes.find((c) => c.name === name);

beforeEach(async () => {
  s = await annotationSetup();
  h.core = s.core;
  h.actor = s.userId;
  h.events = [];
  await store().load(s.slideId, { width: 98_304, height: 65_536, mpp: { x: 0.25, y: 0.25 } });
});
afterEach(() => {
  store().reset();
  s.core.close();
});

describe('the annotation store records in the session', () => {
  it('an import as one event naming what it created, its undo as deletes, its redo as the import again', async () => {
    const counts = await store().importFile('tumour.geojson', geojson([point(100, 200, 'Tumour'), point(300, 250), point(150, 900, 'Tumour')]));
    expect(counts?.created).toBe(3);
    const [event, ...rest] = taken();
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ action: 'import', label: 'tumour.geojson', geometry: { kind: 'rect', x0: 100, y0: 200, x1: 300, y1: 900 } });
    expect(parseIdRanges(event.annotationId)?.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i))).toEqual(counts!.ids);
    expect(useUndoStore.getState().undoLabel).toBe('import of 3 annotations');

    await store().undo();
    expect(store().annotations.size).toBe(0);
    expect(taken().map((e) => [e.action, Number(e.annotationId)])).toEqual([...counts!.ids].reverse().map((id) => ['delete', id]));
    await store().redo();
    expect(store().annotations.size).toBe(3);
    expect(taken()).toEqual([{ ...event, t: 0 }]);
  });

  it('a 10,000-annotation import as one bounded event', async () => {
    const features = Array.from({ length: 10_000 }, (_, i) => point(10 + (i % 100) * 900, 10 + Math.floor(i / 100) * 600));
    const counts = await store().importFile('cells.geojson', geojson(features));
    expect(counts?.created).toBe(10_000);
    const events = taken();
    expect(events).toHaveLength(1);
    expect(idRangesCount(parseIdRanges(events[0].annotationId)!)).toBe(10_000);
    expect(JSON.stringify(events[0]).length).toBeLessThan(300);
  }, 120_000);

  it("a class's deletion as an update of each of this slide's annotations it reclassified, undone and redone through the undo stack", async () => {
    await store().createClass({ name: 'Tumour', colour: '#ff0000', shortcut: 1 });
    const tumour = classNamed('Tumour')!;
    useAnnotationToolStore.getState().setDrawClass(tumour.id);
    const a = (await store().create({ type: 'line', points: [[0, 0], [400, 300]] }, 'draw line'))!;
    const b = (await store().create({ type: 'point', x: 50, y: 60 }, 'draw point'))!;
    useAnnotationToolStore.getState().setDrawClass(null);
    const c = (await store().create({ type: 'point', x: 70, y: 80 }, 'draw point'))!;
    await store().update([{ id: c.id, fields: { classId: tumour.id } }], 'class Tumour');
    expect(taken().map((e) => [e.action, e.label])).toEqual([
      ['create', 'Tumour'],
      ['create', 'Tumour'],
      ['create', undefined],
      ['update', 'Tumour'],
    ]);
    const auditBefore = auditRows(s.dataDir, 'annotation').length;

    expect(await store().deleteClass(tumour.id)).toBe(true);
    expect(store().classes).toEqual([]);
    expect(useAnnotationToolStore.getState().drawClassId).toBeNull();
    expect(taken().map((e) => [e.action, Number(e.annotationId), e.geometry?.kind, e.label])).toEqual([
      ['update', a.id, 'line', undefined],
      ['update', b.id, 'point', undefined],
      ['update', c.id, 'point', undefined],
    ]);
    expect(auditRows(s.dataDir, 'annotation').slice(auditBefore).map((r) => [r.action, Number(r.entity_id)])).toEqual([
      ['update', a.id],
      ['update', b.id],
      ['update', c.id],
    ]);
    expect(useUndoStore.getState().undoLabel).toBe('delete class Tumour');

    await store().undo();
    const back = classNamed('Tumour')!;
    expect(back).toMatchObject({ name: 'Tumour', colour: '#ff0000', shortcut: 1, sortOrder: tumour.sortOrder, annotationCount: 3 });
    expect([a.id, b.id, c.id].map((id) => store().annotations.get(id)!.classId)).toEqual([back.id, back.id, back.id]);
    expect(taken().map((e) => [e.action, e.label])).toEqual([
      ['update', 'Tumour'],
      ['update', 'Tumour'],
      ['update', 'Tumour'],
    ]);
    // The assignment made before the deletion now names the class as it came back.
    await store().undo();
    expect(store().annotations.get(c.id)!.classId).toBeNull();
    await store().redo();
    expect(store().annotations.get(c.id)!.classId).toBe(back.id);

    await store().redo();
    expect(store().classes).toEqual([]);
    expect([a.id, b.id, c.id].map((id) => store().annotations.get(id)!.classId)).toEqual([null, null, null]);
    expect(taken().filter((e) => e.action === 'update')).toHaveLength(5);
  });

  it('a deletion that reached other slides or deleted annotations for good, with older entries following the annotations', async () => {
    const other = await addSlide(s.core, s.dataDir, s.caseId, s.userId, 'slide-2.svs');
    setSlideSize(s.dataDir, other, 1000, 1000, 0.5);
    await store().createClass({ name: 'Stroma' });
    const stroma = classNamed('Stroma') as AnnotationClass;
    await h.core!.invoke('annotations.create', { slideId: other, classId: stroma.id, geometry: { type: 'point', x: 1, y: 1 } }, { actorId: s.userId });
    const a = (await store().create({ type: 'point', x: 5, y: 5 }, 'draw point'))!;
    await store().update([{ id: a.id, fields: { classId: stroma.id } }], 'class Stroma');
    taken();

    expect(await store().deleteClass(stroma.id)).toBe(true);
    expect(taken().map((e) => [e.action, Number(e.annotationId)])).toEqual([['update', a.id]]);
    expect(store().notice).toMatch(/deleted for good/);
    expect(useUndoStore.getState().undoLabel).toBe('class Stroma');
    // Undoing the older assignment no longer names the class that is gone.
    await store().undo();
    expect(store().error).toBeNull();
    expect(store().annotations.get(a.id)!.classId).toBeNull();
  });
});
