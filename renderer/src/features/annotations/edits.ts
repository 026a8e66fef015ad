import type { Geometry } from '../../../../shared/annotations/geometry';

/** What an update can change. */
export interface AnnotationFields {
  geometry?: Geometry;
  classId?: number | null;
  name?: string;
  description?: string;
}

/** What re-creating a deleted class needs. `id` is the class's id now (re-creating it gives it a new one). */
export interface ClassSnapshot {
  id: number;
  projectId: number;
  name: string;
  colour: string;
  shortcut: number | null;
  sortOrder: number;
}

/**
 * One undoable edit. A created annotation is undone by deleting it and redone by restoring the same row; a deleted
 * one the other way round; an update by writing the fields back (at whatever version the annotation is now). An
 * import is undone by deleting what it created and redone by restoring it all. A deleted class is undone by creating
 * it again and giving it back its annotations (`ids`), redone by deleting it again.
 */
export type Edit =
  | { kind: 'create'; id: number }
  | { kind: 'delete'; id: number }
  | { kind: 'update'; id: number; before: AnnotationFields; after: AnnotationFields }
  | { kind: 'import'; ids: number[]; source: string }
  | { kind: 'deleteClass'; cls: ClassSnapshot; reassignTo: number | null; ids: number[] }
  | { kind: 'group'; edits: Edit[] };

/** An entry of the undo stack: the edit and what the Undo/Redo buttons call it ("move", "delete 3 annotations"). */
export interface UndoEntry {
  label: string;
  edit: Edit;
}

/** What undo and redo need from the store: the calls that persist each step (and update what is shown). */
export interface EditTarget {
  update(id: number, fields: AnnotationFields): Promise<void>;
  remove(id: number): Promise<void>;
  restore(id: number): Promise<void>;
  /** Restores what an import created (recorded as that import, not annotation by annotation). */
  restoreImport(ids: number[], source: string): Promise<void>;
  /** Deletes the class again, its annotations going to `reassignTo`. */
  deleteClass(edit: Extract<Edit, { kind: 'deleteClass' }>): Promise<void>;
  /** Creates the class again (unless it exists) and gives it back `edit.ids`. */
  restoreClass(edit: Extract<Edit, { kind: 'deleteClass' }>): Promise<void>;
}

/**
 * Undoes or redoes an edit through the target, a group's members in reverse order for undo. Each step is idempotent
 * (deleting a deleted annotation, restoring a live one, or writing fields it already has change nothing), so a
 * group that failed half-way can simply be tried again.
 */
export async function applyEdit(edit: Edit, direction: 'undo' | 'redo', target: EditTarget): Promise<void> {
  const undo = direction === 'undo';
  switch (edit.kind) {
    case 'create':
      return undo ? target.remove(edit.id) : target.restore(edit.id);
    case 'delete':
      return undo ? target.restore(edit.id) : target.remove(edit.id);
    case 'update':
      return target.update(edit.id, undo ? edit.before : edit.after);
    case 'import':
      if (!undo) return target.restoreImport(edit.ids, edit.source);
      for (const id of [...edit.ids].reverse()) await target.remove(id);
      return;
    case 'deleteClass':
      return undo ? target.restoreClass(edit) : target.deleteClass(edit);
    case 'group': {
      const members = undo ? [...edit.edits].reverse() : edit.edits;
      for (const e of members) await applyEdit(e, direction, target);
    }
  }
}

/** The edit as one entry: a group of one is that edit; null when there is nothing to undo. */
export function groupEdits(edits: Edit[]): Edit | null {
  if (edits.length === 0) return null;
  return edits.length === 1 ? edits[0] : { kind: 'group', edits };
}

/** How many annotation steps undoing or redoing the edit takes. */
export function countEdits(e: Edit): number {
  switch (e.kind) {
    case 'group':
      return e.edits.reduce((n, m) => n + countEdits(m), 0);
    case 'import':
    case 'deleteClass':
      return e.ids.length + 1;
    default:
      return 1;
  }
}

/**
 * The edit with class `from` replaced by `to` wherever it names it: a deleted class that is created again has a new
 * id, and a class deleted for good leaves its annotations to `to`.
 */
export function remapClass(edit: Edit, from: number, to: number | null): Edit {
  const fields = (f: AnnotationFields): AnnotationFields => (f.classId === from ? { ...f, classId: to } : f);
  switch (edit.kind) {
    case 'update':
      return { ...edit, before: fields(edit.before), after: fields(edit.after) };
    case 'deleteClass':
      return {
        ...edit,
        cls: edit.cls.id === from && to !== null ? { ...edit.cls, id: to } : edit.cls,
        reassignTo: edit.reassignTo === from ? to : edit.reassignTo,
      };
    case 'group':
      return { kind: 'group', edits: edit.edits.map((e) => remapClass(e, from, to)) };
    default:
      return edit;
  }
}

/** The fields of `current` that `change` touches, so an update can be written back. */
export function fieldsBefore(current: Required<AnnotationFields>, change: AnnotationFields): AnnotationFields {
  const before: AnnotationFields = {};
  if (change.geometry !== undefined) before.geometry = current.geometry;
  if (change.classId !== undefined) before.classId = current.classId;
  if (change.name !== undefined) before.name = current.name;
  if (change.description !== undefined) before.description = current.description;
  return before;
}

export const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
