import type { Geometry } from '../../../../shared/annotations/geometry';

/** What an update can change. */
export interface AnnotationFields {
  geometry?: Geometry;
  classId?: number | null;
  name?: string;
  description?: string;
}

/**
 * One undoable edit. A created annotation is undone by deleting it and redone by restoring the same row; a deleted
 * one the other way round; an update by writing the fields back (at whatever version the annotation is now).
 */
export type Edit =
  | { kind: 'create'; id: number }
  | { kind: 'delete'; id: number }
  | { kind: 'update'; id: number; before: AnnotationFields; after: AnnotationFields }
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
