import { create } from 'zustand';
import { intersectGeometries, subtractGeometry, unionGeometries, type AreaGeometry } from '../../../shared/annotations/boolean';
import { geometryIssues, describeIssue, type Geometry } from '../../../shared/annotations/geometry';
import { boundsIntersect, geometryBounds } from '../../../shared/annotations/measure';
import { formatIdRanges, recordedBox, toRecordedGeometry } from '../../../shared/annotations/navigationEvent';
import { SpatialIndex } from '../../../shared/annotations/spatialIndex';
import { Annotation as AnnotationSchema, AppError, type Annotation, type AnnotationClass, type ImportCounts, type Mpp } from '../../../shared/contract';
import { api, errorMessage } from '../api/client';
import { applyEdit, countEdits, fieldsBefore, groupEdits, plural, type AnnotationFields, type ClassSnapshot, type Edit, type EditTarget } from '../features/annotations/edits';
import { guessFormat, type AnnotationFileFormat } from '../features/annotations/fileFormat';
import type { ClassFilter } from '../features/annotations/listing';
import { SerialQueue } from '../features/annotations/serialQueue';
import { useAnnotationToolStore } from './useAnnotationToolStore';
import { useRecorderStore } from './useRecorderStore';
import { undoStack, useUndoStore } from './useUndoStore';

interface AnnotationState {
  slideId: number | null;
  projectId: number | null;
  mpp: Mpp | null;
  width: number;
  height: number;
  classes: AnnotationClass[];
  /** The slide's live annotations by id. Changed in place: `revision` is the signal that it changed. */
  annotations: Map<number, Annotation>;
  revision: number;
  selected: ReadonlySet<number>;
  /** Geometry shown instead of the stored one while it is being dragged (move, vertex edit). */
  preview: ReadonlyMap<number, Geometry>;
  /** The ids in `preview`: the base layer leaves them out (changes only when a drag starts or ends). */
  previewIds: ReadonlySet<number>;
  filter: ClassFilter;
  loading: boolean;
  error: string | null;
  /** A passing hint (not an error), e.g. what Shift+digit needs. */
  notice: string | null;
  /** Long work in progress (import, undo of a large edit). */
  busy: string | null;

  /** Loads a slide's annotations; size and pixel size come from the slide descriptor. */
  load(slideId: number, slide: { width: number; height: number; mpp: Mpp | null }): Promise<void>;
  reset(): void;
  refresh(): Promise<void>;
  select(ids: Iterable<number>): void;
  setPreview(preview: ReadonlyMap<number, Geometry> | null): void;
  setFilter(filter: ClassFilter): void;
  dismissError(): void;
  notify(message: string | null): void;

  create(geometry: Geometry, label: string): Promise<Annotation | null>;
  update(changes: Array<{ id: number; fields: AnnotationFields }>, label: string): Promise<void>;
  remove(ids: Iterable<number>): Promise<void>;
  applyBrush(stroke: AreaGeometry, erase: boolean): Promise<void>;
  assignShortcut(digit: number): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;

  importFile(fileName: string, text: string): Promise<ImportCounts | null>;
  exportText(format: AnnotationFileFormat): Promise<{ text: string; fileName: string } | null>;

  createClass(input: { name: string; colour?: string; shortcut?: number | null }): Promise<boolean>;
  updateClass(id: number, patch: { name?: string; colour?: string; shortcut?: number | null }): Promise<boolean>;
  deleteClass(id: number): Promise<boolean>;
}

/** Which annotations touch a view: the renderer draws only those. */
export let annotationIndex = new SpatialIndex<number>();
/** The last known state of every annotation seen on this slide, deleted ones included (undo needs their version). */
const lastKnown = new Map<number, Annotation>();
const queue = new SerialQueue();

const isAreal = (g: Geometry) => g.type === 'polygon' || g.type === 'multipolygon' || g.type === 'rectangle' || g.type === 'ellipse';
const sameFields = (a: Annotation, f: AnnotationFields) =>
  (f.geometry === undefined || JSON.stringify(f.geometry) === JSON.stringify(a.geometry)) &&
  (f.classId === undefined || f.classId === a.classId) &&
  (f.name === undefined || f.name === a.name) &&
  (f.description === undefined || f.description === a.description);

export const useAnnotationStore = create<AnnotationState>((set, get) => {
  const className = (id: number | null) => (id === null ? undefined : get().classes.find((c) => c.id === id)?.name);

  /** Takes a stored annotation into the store, the index and the selection. Returns whether it changed. */
  const put = (a: Annotation): boolean => {
    if (a.slideId !== get().slideId) return false;
    const prev = lastKnown.get(a.id);
    lastKnown.set(a.id, a);
    const { annotations, selected } = get();
    if (a.deleted) {
      annotations.delete(a.id);
      annotationIndex.delete(a.id);
      if (selected.has(a.id)) {
        const next = new Set(selected);
        next.delete(a.id);
        set({ selected: next });
      }
    } else {
      annotations.set(a.id, a);
      annotationIndex.set(a.id, a.bounds);
    }
    set((s) => ({ revision: s.revision + 1 }));
    return prev?.version !== a.version || prev?.deleted !== a.deleted;
  };

  const record = (action: 'create' | 'update' | 'delete', a: Annotation) => {
    useRecorderStore.getState().recordAnnotation(action, a.id, action === 'delete' ? undefined : toRecordedGeometry(a.geometry), className(a.classId) ?? (a.name || undefined));
  };

  /** One event for what an import created (a 10,000-annotation file must not become 10,000 events with geometry). */
  const recordImport = (ids: number[], source: string) => {
    let box: { minX: number; minY: number; maxX: number; maxY: number } | null = null;
    for (const id of ids) {
      const b = get().annotations.get(id)?.bounds;
      if (!b) continue;
      box = box ? { minX: Math.min(box.minX, b.minX), minY: Math.min(box.minY, b.minY), maxX: Math.max(box.maxX, b.maxX), maxY: Math.max(box.maxY, b.maxY) } : { ...b };
    }
    if (box) useRecorderStore.getState().recordAnnotation('import', formatIdRanges(ids), recordedBox(box), source);
  };

  /** Reads the slide's annotations and classes again; false when another slide was opened meanwhile. */
  const reload = async (slideId: number): Promise<boolean> => {
    const r = await api.call('annotations.list', { slideId });
    if (get().slideId !== slideId) return false;
    const annotations = new Map(r.annotations.map((a) => [a.id, a]));
    for (const a of r.annotations) lastKnown.set(a.id, a);
    annotationIndex = new SpatialIndex(r.annotations.map((a) => [a.id, a.bounds] as [number, typeof a.bounds]));
    const selected = new Set([...get().selected].filter((id) => annotations.has(id)));
    set((s) => ({ classes: r.classes, annotations, selected, revision: s.revision + 1 }));
    return true;
  };

  const liveIdsOfClass = (classId: number) => [...get().annotations.values()].filter((a) => a.classId === classId).map((a) => a.id);

  /**
   * Deletes a class, its annotations going to `edit.reassignTo`, and records each of this slide's that changed.
   * Returns whether undo can put everything back: only when every annotation the deletion reached was one of this
   * slide's live ones (the others are on slides and in deleted rows this window does not hold).
   */
  const deleteClassNow = async (edit: Extract<Edit, { kind: 'deleteClass' }>): Promise<boolean> => {
    const id = edit.cls.id;
    const slideId = get().slideId;
    const local = liveIdsOfClass(id);
    const { reassigned } = await api.call('classes.delete', { id, reassignTo: edit.reassignTo });
    const tools = useAnnotationToolStore.getState();
    if (tools.drawClassId === id) tools.setDrawClass(edit.reassignTo);
    if (get().filter === id) set({ filter: 'all' });
    if (slideId === null || !(await reload(slideId))) return false;
    for (const aid of local) {
      const a = get().annotations.get(aid);
      if (a) record('update', a);
    }
    return reassigned === local.length;
  };

  const fail = (e: unknown, what: string) => {
    if (e instanceof AppError && e.code === 'CONFLICT') {
      const current = AnnotationSchema.safeParse((e.details as { current?: unknown } | undefined)?.current);
      if (current.success) put(current.data);
    }
    set({ error: `${what}: ${errorMessage(e)}` });
  };

  /** The persisted steps undo and redo are made of; each updates the store and records a session event. */
  const target: EditTarget = {
    async update(id, fields) {
      const cur = lastKnown.get(id);
      if (!cur) throw new Error(`annotation ${id} is not on this slide`);
      if (sameFields(cur, fields) && !cur.deleted) return;
      const a = await api.call('annotations.update', { id, version: cur.version, ...fields });
      if (put(a)) record('update', a);
    },
    async remove(id) {
      const a = await api.call('annotations.delete', { id });
      if (put(a)) record('delete', a);
    },
    async restore(id) {
      const a = await api.call('annotations.restore', { id });
      if (put(a)) record('create', a);
    },
    async restoreImport(ids, source) {
      const restored: number[] = [];
      try {
        for (const id of ids) {
          const a = await api.call('annotations.restore', { id });
          if (put(a)) restored.push(id);
        }
      } finally {
        if (restored.length) recordImport(restored, source);
      }
    },
    async deleteClass(edit) {
      const cur = get().classes.find((c) => c.id === edit.cls.id);
      if (!cur) return;
      // Undoing this again must bring back the class as it is now, with the annotations it has now.
      edit.cls = snapshot(cur);
      edit.ids = liveIdsOfClass(cur.id);
      await deleteClassNow(edit);
    },
    async restoreClass(edit) {
      const { cls } = edit;
      let classId = cls.id;
      if (!get().classes.some((c) => c.id === cls.id)) {
        const made = await api.call('classes.create', { projectId: cls.projectId, name: cls.name, colour: cls.colour, shortcut: cls.shortcut, sortOrder: cls.sortOrder });
        classId = made.id;
        useUndoStore.getState().remapClass(cls.id, classId);
        const classes = await api.call('classes.list', { projectId: cls.projectId });
        set((s) => ({ classes, revision: s.revision + 1 }));
      }
      for (const id of edit.ids) await target.update(id, { classId });
      const classes = await api.call('classes.list', { projectId: cls.projectId });
      set((s) => ({ classes, revision: s.revision + 1 }));
    },
  };

  const pushUndo = (label: string, edits: Edit[]) => {
    const edit = groupEdits(edits);
    if (edit) useUndoStore.getState().push({ label, edit });
  };

  /** Runs edits in order; whatever was stored before a failure is still one undo entry. */
  const runEdits = async (label: string, steps: Array<() => Promise<Edit | null>>) => {
    const done: Edit[] = [];
    try {
      for (const step of steps) {
        const e = await step();
        if (e) done.push(e);
      }
    } catch (e) {
      fail(e, `Could not ${label}`);
    } finally {
      pushUndo(label, done);
    }
  };

  const updateStep = (id: number, fields: AnnotationFields) => async (): Promise<Edit | null> => {
    const cur = get().annotations.get(id);
    if (!cur || sameFields(cur, fields)) return null;
    const before = fieldsBefore(cur, fields);
    await target.update(id, fields);
    return { kind: 'update', id, before, after: fields };
  };

  const removeStep = (id: number) => async (): Promise<Edit | null> => {
    if (!get().annotations.has(id)) return null;
    await target.remove(id);
    return { kind: 'delete', id };
  };

  const createStep = (geometry: Geometry, select: boolean) => async (): Promise<Edit | null> => {
    const slideId = get().slideId;
    if (slideId === null) return null;
    const a = await api.call('annotations.create', { slideId, geometry, classId: useAnnotationToolStore.getState().drawClassId });
    if (!put(a)) return null;
    record('create', a);
    if (select) set({ selected: new Set([a.id]) });
    return { kind: 'create', id: a.id };
  };

  const clearPreview = (ids: Iterable<number>) => {
    const { preview, previewIds } = get();
    const list = [...ids];
    if (!list.some((id) => preview.has(id) || previewIds.has(id))) return;
    const p = new Map(preview);
    const pi = new Set(previewIds);
    for (const id of list) {
      p.delete(id);
      pi.delete(id);
    }
    set({ preview: p, previewIds: pi });
  };

  const undoOrRedo = (direction: 'undo' | 'redo') =>
    queue.run(async () => {
      const entry = direction === 'undo' ? undoStack.peekUndo() : undoStack.peekRedo();
      if (!entry) return;
      const large = countEdits(entry.edit) > 20;
      if (large) set({ busy: `${direction === 'undo' ? 'Undoing' : 'Redoing'} ${entry.label}…` });
      try {
        await applyEdit(entry.edit, direction, target);
        if (direction === 'undo') undoStack.undone();
        else undoStack.redone();
      } catch (e) {
        fail(e, `Could not ${direction} ${entry.label}`);
      } finally {
        if (large) set({ busy: null });
        useUndoStore.getState().sync();
      }
    });

  let noticeTimer: ReturnType<typeof setTimeout> | undefined;

  return {
    slideId: null,
    projectId: null,
    mpp: null,
    width: 0,
    height: 0,
    classes: [],
    annotations: new Map(),
    revision: 0,
    selected: new Set(),
    preview: new Map(),
    previewIds: new Set(),
    filter: 'all',
    loading: false,
    error: null,
    notice: null,
    busy: null,

    load: (slideId, slide) => {
      lastKnown.clear();
      annotationIndex = new SpatialIndex<number>();
      useUndoStore.getState().clear();
      set((s) => ({
        slideId,
        projectId: null,
        mpp: slide.mpp,
        width: slide.width,
        height: slide.height,
        annotations: new Map(),
        revision: s.revision + 1,
        selected: new Set(),
        preview: new Map(),
        previewIds: new Set(),
        filter: 'all',
        loading: true,
        error: null,
      }));
      return queue.run(async () => {
        if (get().slideId !== slideId) return;
        try {
          const r = await api.call('annotations.list', { slideId });
          if (get().slideId !== slideId) return;
          const annotations = new Map(r.annotations.map((a) => [a.id, a]));
          for (const a of r.annotations) lastKnown.set(a.id, a);
          annotationIndex = new SpatialIndex(r.annotations.map((a) => [a.id, a.bounds] as [number, typeof a.bounds]));
          set((s) => ({
            projectId: r.projectId,
            mpp: slide.mpp ?? r.mpp,
            classes: r.classes,
            annotations,
            revision: s.revision + 1,
            loading: false,
          }));
        } catch (e) {
          if (get().slideId === slideId) set({ loading: false, error: `The annotations of this slide could not be loaded: ${errorMessage(e)}` });
        }
      });
    },

    reset() {
      lastKnown.clear();
      annotationIndex = new SpatialIndex<number>();
      useUndoStore.getState().clear();
      set((s) => ({ slideId: null, annotations: new Map(), revision: s.revision + 1, selected: new Set(), preview: new Map(), previewIds: new Set(), error: null, notice: null }));
    },

    refresh: () =>
      queue.run(async () => {
        const slideId = get().slideId;
        if (slideId === null) return;
        try {
          await reload(slideId);
        } catch (e) {
          set({ error: `The annotations could not be reloaded: ${errorMessage(e)}` });
        }
      }),

    select: (ids) => set({ selected: new Set(ids) }),
    setPreview(preview) {
      if (!preview) return clearPreview(get().previewIds);
      const ids = get().previewIds;
      const same = ids.size === preview.size && [...preview.keys()].every((id) => ids.has(id));
      set(same ? { preview } : { preview, previewIds: new Set(preview.keys()) });
    },
    setFilter: (filter) => set({ filter }),
    dismissError: () => set({ error: null }),
    notify(message) {
      clearTimeout(noticeTimer);
      set({ notice: message });
      if (message) noticeTimer = setTimeout(() => set({ notice: null }), 4000);
    },

    create: (geometry, label) =>
      queue.run(async () => {
        const issues = geometryIssues(geometry);
        if (issues.length) {
          set({ error: `This shape cannot be saved: ${describeIssue(issues[0])}.` });
          return null;
        }
        let made: Annotation | null = null;
        await runEdits(label, [
          async () => {
            const e = await createStep(geometry, true)();
            if (e?.kind === 'create') made = get().annotations.get(e.id) ?? null;
            return e;
          },
        ]);
        return made;
      }),

    update: (changes, label) =>
      queue.run(async () => {
        for (const { fields } of changes) {
          const issues = fields.geometry ? geometryIssues(fields.geometry) : [];
          if (issues.length) {
            clearPreview(changes.map((c) => c.id));
            set({ error: `This change would make the shape invalid (${describeIssue(issues[0])}); it was not saved.` });
            return;
          }
        }
        try {
          await runEdits(label, changes.map(({ id, fields }) => updateStep(id, fields)));
        } finally {
          clearPreview(changes.map((c) => c.id));
        }
      }),

    remove: (ids) =>
      queue.run(async () => {
        const list = [...ids].filter((id) => get().annotations.has(id));
        if (list.length === 0) return;
        await runEdits(list.length === 1 ? 'delete' : `delete ${plural(list.length, 'annotation')}`, list.map(removeStep));
      }),

    applyBrush: (stroke, erase) =>
      queue.run(async () => {
        const { annotations, selected } = get();
        const sb = geometryBounds(stroke);
        const overlaps = (a: Annotation) => boundsIntersect(a.bounds, sb) && intersectGeometries(a.geometry, stroke) !== null;
        const chosen = [...selected].map((id) => annotations.get(id)).filter((a): a is Annotation => !!a && isAreal(a.geometry));
        if (!erase) {
          const into = chosen.length === 1 && overlaps(chosen[0]) ? chosen[0] : null;
          if (!into) return void (await runEdits('brush stroke', [createStep(stroke, true)]));
          const merged = unionGeometries([into.geometry, stroke]);
          if (merged) await runEdits('brush stroke', [updateStep(into.id, { geometry: merged })]);
          return;
        }
        // Erase from the selected areas; with none selected, from every area the stroke touches.
        const candidates = chosen.length
          ? chosen
          : annotationIndex
              .search(sb)
              .map((id) => annotations.get(id))
              .filter((a): a is Annotation => !!a && isAreal(a.geometry));
        const steps = candidates.filter(overlaps).map((a) => {
          const rest = subtractGeometry(a.geometry, stroke);
          return rest ? updateStep(a.id, { geometry: rest }) : removeStep(a.id);
        });
        if (steps.length) await runEdits('erase', steps);
      }),

    async assignShortcut(digit) {
      const cls = get().classes.find((c) => c.shortcut === digit);
      if (!cls) return get().notify(`No class has the shortcut ${digit}: give one a shortcut in the Annotations tab.`);
      const ids = [...get().selected];
      if (ids.length === 0) return get().notify(`Select annotations first, then press Shift+${digit} to make them ${cls.name}.`);
      await get().update(
        ids.map((id) => ({ id, fields: { classId: cls.id } })),
        `class ${cls.name}`,
      );
    },

    undo: () => undoOrRedo('undo'),
    redo: () => undoOrRedo('redo'),

    importFile: (fileName, text) =>
      queue.run(async () => {
        const slideId = get().slideId;
        if (slideId === null) return null;
        const format = guessFormat(fileName, text);
        set({ busy: `Importing ${fileName}…`, error: null });
        try {
          const counts = await api.call('annotations.import', { slideId, format, text });
          if (!(await reload(slideId)) || counts.created === 0) return counts;
          recordImport(counts.ids, fileName);
          pushUndo(`import of ${plural(counts.created, 'annotation')}`, [{ kind: 'import', ids: counts.ids, source: fileName }]);
          return counts;
        } catch (e) {
          set({ error: `${fileName} was not imported. ${errorMessage(e)}` });
          return null;
        } finally {
          set({ busy: null });
        }
      }),

    async exportText(format) {
      const slideId = get().slideId;
      if (slideId === null) return null;
      try {
        await queue.idle();
        const r = await api.call('annotations.export', { slideId, format });
        return { text: r.text, fileName: r.fileName };
      } catch (e) {
        set({ error: `The annotations could not be exported: ${errorMessage(e)}` });
        return null;
      }
    },

    async createClass(input) {
      const projectId = get().projectId;
      if (projectId === null) return false;
      try {
        await api.call('classes.create', { projectId, name: input.name, colour: input.colour, shortcut: input.shortcut ?? null });
        set({ classes: await api.call('classes.list', { projectId }) });
        return true;
      } catch (e) {
        set({ error: `The class could not be added: ${errorMessage(e)}` });
        return false;
      }
    },

    async updateClass(id, patch) {
      const projectId = get().projectId;
      if (projectId === null) return false;
      try {
        await api.call('classes.update', { id, ...patch });
        const classes = await api.call('classes.list', { projectId });
        set((s) => ({ classes, revision: s.revision + 1 }));
        return true;
      } catch (e) {
        set({ error: `The class could not be changed: ${errorMessage(e)}` });
        return false;
      }
    },

    deleteClass: (id) =>
      queue.run(async () => {
        const cls = get().classes.find((c) => c.id === id);
        if (!cls) return false;
        const edit: Edit = { kind: 'deleteClass', cls: snapshot(cls), reassignTo: null, ids: liveIdsOfClass(id) };
        try {
          if (await deleteClassNow(edit)) pushUndo(`delete class ${cls.name}`, [edit]);
          else {
            // Older entries that name the class now mean where its annotations went.
            useUndoStore.getState().remapClass(id, edit.reassignTo);
            if (get().slideId !== null) get().notify(`The class ${cls.name} was deleted for good: it also had annotations on other slides or deleted ones, so it cannot be undone.`);
          }
          return true;
        } catch (e) {
          set({ error: `The class could not be deleted: ${errorMessage(e)}` });
          return false;
        }
      }),
  };
});

function snapshot(c: AnnotationClass): ClassSnapshot {
  return { id: c.id, projectId: c.projectId, name: c.name, colour: c.colour, shortcut: c.shortcut, sortOrder: c.sortOrder };
}
