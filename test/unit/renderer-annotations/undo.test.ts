import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../../shared/annotations/geometry';
import { applyEdit, countEdits, fieldsBefore, groupEdits, remapClass, type AnnotationFields, type Edit, type EditTarget, type UndoEntry } from '../../../renderer/src/features/annotations/edits';
import { SerialQueue } from '../../../renderer/src/features/annotations/serialQueue';
import { UndoStack } from '../../../renderer/src/features/annotations/undoStack';

describe('the undo stack', () => {
  it('undoes newest first, redoes in turn, and a new edit clears the redo stack', () => {
    const s = new UndoStack<string>();
    s.push('a');
    s.push('b');
    expect(s.peekUndo()).toBe('b');
    s.undone();
    expect(s.peekUndo()).toBe('a');
    expect(s.peekRedo()).toBe('b');
    s.redone();
    expect(s.peekUndo()).toBe('b');
    expect(s.peekRedo()).toBeUndefined();
    s.undone();
    s.push('c');
    expect(s.peekRedo()).toBeUndefined();
    expect([s.undoSize, s.redoSize]).toEqual([2, 0]);
  });

  it('an entry stays where it is until it was undone (a failed undo can be tried again)', () => {
    const s = new UndoStack<string>();
    s.push('a');
    expect(s.peekUndo()).toBe('a');
    // nothing confirmed: still on the undo stack
    expect(s.peekUndo()).toBe('a');
    expect(s.redoSize).toBe(0);
  });

  it('map replaces the entries of both stacks in place', () => {
    const s = new UndoStack<number>();
    [1, 2, 3].forEach((n) => s.push(n));
    s.undone();
    s.map((n) => n * 10);
    expect([s.peekUndo(), s.peekRedo(), s.undoSize, s.redoSize]).toEqual([20, 30, 2, 1]);
  });

  it('keeps only the newest `limit` entries', () => {
    const s = new UndoStack<number>(3);
    [1, 2, 3, 4, 5].forEach((n) => s.push(n));
    expect(s.undoSize).toBe(3);
    s.undone();
    s.undone();
    s.undone();
    s.undone();
    expect(s.peekRedo()).toBe(3);
  });
});

/** A stand-in for the core's annotation rows: versions bump on change, updates must quote the current version. */
class Rows implements EditTarget {
  rows = new Map<number, { version: number; deleted: boolean; fields: Required<AnnotationFields> }>();
  calls: string[] = [];
  failOn: string | null = null;

  add(id: number, fields: Required<AnnotationFields>) {
    this.rows.set(id, { version: 1, deleted: false, fields });
  }
  async update(id: number, fields: AnnotationFields) {
    this.calls.push(`update ${id}`);
    if (this.failOn === `update ${id}`) throw new Error('boom');
    const r = this.rows.get(id)!;
    if (r.deleted) throw new Error('CONFLICT: deleted');
    r.fields = { ...r.fields, ...fields };
    r.version++;
  }
  async remove(id: number) {
    this.calls.push(`delete ${id}`);
    const r = this.rows.get(id)!;
    if (r.deleted) return;
    r.deleted = true;
    r.version++;
  }
  async restore(id: number) {
    this.calls.push(`restore ${id}`);
    const r = this.rows.get(id)!;
    if (!r.deleted) return;
    r.deleted = false;
    r.version++;
  }

  /** Class ids that exist; a class created again gets the next id and the stack is told (as the store does). */
  classes = new Set<number>();
  nextClassId = 100;
  stack: UndoStack<UndoEntry> | null = null;

  async restoreImport(ids: number[], source: string) {
    this.calls.push(`restore import ${ids.join(',')} of ${source}`);
    for (const id of ids) {
      const r = this.rows.get(id)!;
      if (r.deleted) {
        r.deleted = false;
        r.version++;
      }
    }
  }
  async deleteClass(edit: Extract<Edit, { kind: 'deleteClass' }>) {
    this.calls.push(`delete class ${edit.cls.id}`);
    if (!this.classes.delete(edit.cls.id)) return;
    for (const r of this.rows.values()) if (r.fields.classId === edit.cls.id) r.fields.classId = edit.reassignTo;
  }
  async restoreClass(edit: Extract<Edit, { kind: 'deleteClass' }>) {
    let id = edit.cls.id;
    if (!this.classes.has(id)) {
      id = this.nextClassId++;
      this.classes.add(id);
      this.calls.push(`create class ${id}`);
      this.stack?.map((e) => ({ ...e, edit: remapClass(e.edit, edit.cls.id, id) }));
    }
    for (const a of edit.ids) await this.update(a, { classId: id });
  }
}

const sq = (x: number): Geometry => ({ type: 'rectangle', x, y: 0, width: 10, height: 10 });

describe('undo and redo of edits', () => {
  it('undo of a create deletes the same row; redo restores it', async () => {
    const t = new Rows();
    t.add(1, { geometry: sq(0), classId: null, name: '', description: '' });
    await applyEdit({ kind: 'create', id: 1 }, 'undo', t);
    expect(t.rows.get(1)!.deleted).toBe(true);
    await applyEdit({ kind: 'create', id: 1 }, 'redo', t);
    expect(t.rows.get(1)!.deleted).toBe(false);
    expect(t.calls).toEqual(['delete 1', 'restore 1']);
  });

  it('undo of a delete restores; redo deletes again', async () => {
    const t = new Rows();
    t.add(1, { geometry: sq(0), classId: null, name: '', description: '' });
    t.rows.get(1)!.deleted = true;
    await applyEdit({ kind: 'delete', id: 1 }, 'undo', t);
    expect(t.rows.get(1)!.deleted).toBe(false);
    await applyEdit({ kind: 'delete', id: 1 }, 'redo', t);
    expect(t.rows.get(1)!.deleted).toBe(true);
  });

  it('undo of an update writes back only the fields it changed (class and description alike)', async () => {
    const t = new Rows();
    t.add(1, { geometry: sq(0), classId: null, name: 'a', description: 'old' });
    const current = t.rows.get(1)!.fields;
    const change: AnnotationFields = { classId: 7, description: 'new' };
    const before = fieldsBefore(current, change);
    expect(before).toEqual({ classId: null, description: 'old' });
    await t.update(1, change);
    await t.update(1, { name: 'renamed elsewhere' });
    await applyEdit({ kind: 'update', id: 1, before, after: change }, 'undo', t);
    expect(t.rows.get(1)!.fields).toEqual({ geometry: sq(0), classId: null, name: 'renamed elsewhere', description: 'old' });
    await applyEdit({ kind: 'update', id: 1, before, after: change }, 'redo', t);
    expect(t.rows.get(1)!.fields.classId).toBe(7);
  });

  it("a group's members are undone in reverse order and redone in order", async () => {
    const t = new Rows();
    t.add(1, { geometry: sq(0), classId: null, name: '', description: '' });
    t.add(2, { geometry: sq(50), classId: null, name: '', description: '' });
    const g = groupEdits([
      { kind: 'update', id: 1, before: { geometry: sq(0) }, after: { geometry: sq(5) } },
      { kind: 'delete', id: 2 },
    ])!;
    await applyEdit(g, 'undo', t);
    expect(t.calls).toEqual(['restore 2', 'update 1']);
    t.calls = [];
    await applyEdit(g, 'redo', t);
    expect(t.calls).toEqual(['update 1', 'delete 2']);
  });

  it('a group that failed half-way can be applied again (every step is idempotent)', async () => {
    const t = new Rows();
    t.add(1, { geometry: sq(0), classId: null, name: '', description: '' });
    t.add(2, { geometry: sq(50), classId: 3, name: '', description: '' });
    const edit: Edit = {
      kind: 'group',
      edits: [
        { kind: 'create', id: 1 },
        { kind: 'update', id: 2, before: { classId: null }, after: { classId: 3 } },
      ],
    };
    t.failOn = 'update 2';
    await expect(applyEdit(edit, 'undo', t)).rejects.toThrow('boom');
    expect(t.rows.get(1)!.deleted).toBe(false);
    t.failOn = null;
    await applyEdit(edit, 'undo', t);
    await applyEdit(edit, 'undo', t);
    expect(t.rows.get(1)!.deleted).toBe(true);
    expect(t.rows.get(2)!.fields.classId).toBeNull();
  });

  it('undo of an import deletes what it created, newest first; redo restores it all in one step', async () => {
    const t = new Rows();
    for (const id of [5, 6, 7]) t.add(id, { geometry: sq(id), classId: null, name: '', description: '' });
    const edit: Edit = { kind: 'import', ids: [5, 6, 7], source: 'tumour.geojson' };
    await applyEdit(edit, 'undo', t);
    expect([...t.rows.values()].every((r) => r.deleted)).toBe(true);
    await applyEdit(edit, 'redo', t);
    expect([...t.rows.values()].some((r) => r.deleted)).toBe(false);
    expect(t.calls).toEqual(['delete 7', 'delete 6', 'delete 5', 'restore import 5,6,7 of tumour.geojson']);
    expect(countEdits(edit)).toBe(4);
  });

  it('undo of a class deletion creates the class again, gives it back its annotations, and older entries follow its new id', async () => {
    const t = new Rows();
    const stack = new UndoStack<UndoEntry>();
    t.stack = stack;
    t.classes.add(3);
    t.add(1, { geometry: sq(0), classId: null, name: '', description: '' });
    t.add(2, { geometry: sq(50), classId: 3, name: '', description: '' });
    // Annotation 1 was given class 3; then class 3 was deleted (both unclassified now).
    await t.update(1, { classId: 3 });
    stack.push({ label: 'class Tumour', edit: { kind: 'update', id: 1, before: { classId: null }, after: { classId: 3 } } });
    const cls = { id: 3, projectId: 1, name: 'Tumour', colour: '#e6194b', shortcut: 1, sortOrder: 0 };
    const deletion: Edit = { kind: 'deleteClass', cls, reassignTo: null, ids: [1, 2] };
    await applyEdit(deletion, 'redo', t);
    stack.push({ label: 'delete class Tumour', edit: deletion });
    expect([t.rows.get(1)!.fields.classId, t.rows.get(2)!.fields.classId]).toEqual([null, null]);

    await applyEdit(stack.peekUndo()!.edit, 'undo', t);
    stack.undone();
    expect([t.rows.get(1)!.fields.classId, t.rows.get(2)!.fields.classId]).toEqual([100, 100]);
    // The class came back as 100: the redo entry and the older assignment now name 100.
    expect(stack.peekRedo()!.edit).toMatchObject({ kind: 'deleteClass', cls: { id: 100, name: 'Tumour' } });
    expect(stack.peekUndo()!.edit).toEqual({ kind: 'update', id: 1, before: { classId: null }, after: { classId: 100 } });

    // Redo deletes the class again; a failed undo that already made the class does not make it twice.
    await applyEdit(stack.peekRedo()!.edit, 'redo', t);
    stack.redone();
    expect(t.classes.has(100)).toBe(false);
    t.failOn = 'update 2';
    await expect(applyEdit(stack.peekUndo()!.edit, 'undo', t)).rejects.toThrow('boom');
    t.failOn = null;
    await applyEdit(stack.peekUndo()!.edit, 'undo', t);
    expect(t.calls.filter((c) => c.startsWith('create class'))).toEqual(['create class 100', 'create class 101']);
    expect([t.rows.get(1)!.fields.classId, t.rows.get(2)!.fields.classId]).toEqual([101, 101]);
  });

  it('remapClass renames a class wherever an edit names it, or leaves its annotations where a deletion sent them', () => {
    const edit: Edit = {
      kind: 'group',
      edits: [
        { kind: 'update', id: 1, before: { classId: 3, name: 'a' }, after: { classId: 4 } },
        { kind: 'deleteClass', cls: { id: 4, projectId: 1, name: 'S', colour: '#000000', shortcut: null, sortOrder: 1 }, reassignTo: 3, ids: [] },
        { kind: 'create', id: 2 },
      ],
    };
    expect(remapClass(edit, 3, 9)).toEqual({
      kind: 'group',
      edits: [
        { kind: 'update', id: 1, before: { classId: 9, name: 'a' }, after: { classId: 4 } },
        { kind: 'deleteClass', cls: { id: 4, projectId: 1, name: 'S', colour: '#000000', shortcut: null, sortOrder: 1 }, reassignTo: 9, ids: [] },
        { kind: 'create', id: 2 },
      ],
    });
    expect(remapClass(edit, 4, null)).toMatchObject({ edits: [{ after: { classId: null } }, { cls: { id: 4 } }, {}] });
  });

  it('groupEdits: nothing is no entry, one edit is itself', () => {
    expect(groupEdits([])).toBeNull();
    expect(groupEdits([{ kind: 'create', id: 4 }])).toEqual({ kind: 'create', id: 4 });
  });
});

describe('the serial queue', () => {
  it('runs tasks one at a time in the order given, also after a failure', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const slow = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((res, rej) =>
        setTimeout(() => {
          log.push(name);
          if (fail) rej(new Error(name));
          else res(name);
        }, ms),
      );
    const a = q.run(slow('create', 30));
    const b = q.run(slow('fails', 1, true));
    const c = q.run(slow('undo', 1));
    expect(q.busy).toBe(true);
    await expect(a).resolves.toBe('create');
    await expect(b).rejects.toThrow('fails');
    await expect(c).resolves.toBe('undo');
    await q.idle();
    expect(log).toEqual(['create', 'fails', 'undo']);
    expect(q.busy).toBe(false);
  });
});
