import { create } from 'zustand';
import { remapClass, type UndoEntry } from '../features/annotations/edits';
import { UndoStack } from '../features/annotations/undoStack';

interface UndoState {
  /** What Undo / Redo would do now ("move", "delete 2 annotations"), or null. */
  undoLabel: string | null;
  redoLabel: string | null;
  push(entry: UndoEntry): void;
  clear(): void;
  /** Class `from` is now `to` (created again), or gone with its annotations moved to `to`: see remapClass. */
  remapClass(from: number, to: number | null): void;
  /** Called after the stack was changed directly (undone / redone). */
  sync(): void;
}

/** The annotation edits of the open slide that Ctrl+Z / Ctrl+Shift+Z undo and redo. */
export const undoStack = new UndoStack<UndoEntry>(500);

export const useUndoStore = create<UndoState>((set) => {
  const sync = () => set({ undoLabel: undoStack.peekUndo()?.label ?? null, redoLabel: undoStack.peekRedo()?.label ?? null });
  return {
    undoLabel: null,
    redoLabel: null,
    push(entry) {
      undoStack.push(entry);
      sync();
    },
    clear() {
      undoStack.clear();
      sync();
    },
    remapClass(from, to) {
      undoStack.map((e) => ({ ...e, edit: remapClass(e.edit, from, to) }));
    },
    sync,
  };
});
