/**
 * Undo and redo stacks. An entry is undone (or redone) in two steps, `peek` then `undone`/`redone` once its effect is
 * stored, so a failure leaves the entry where it was. A new edit clears the redo stack; the oldest entries are dropped
 * beyond `limit`.
 */
export class UndoStack<T> {
  private readonly undos: T[] = [];
  private readonly redos: T[] = [];

  constructor(readonly limit = 200) {}

  push(entry: T): void {
    this.undos.push(entry);
    if (this.undos.length > this.limit) this.undos.splice(0, this.undos.length - this.limit);
    this.redos.length = 0;
  }

  peekUndo(): T | undefined {
    return this.undos[this.undos.length - 1];
  }

  peekRedo(): T | undefined {
    return this.redos[this.redos.length - 1];
  }

  /** The entry from peekUndo() was undone: it moves to the redo stack. */
  undone(): void {
    const e = this.undos.pop();
    if (e !== undefined) this.redos.push(e);
  }

  /** The entry from peekRedo() was redone: it moves back to the undo stack. */
  redone(): void {
    const e = this.redos.pop();
    if (e !== undefined) this.undos.push(e);
  }

  /** Replaces every entry, on both stacks, by what `fn` makes of it. */
  map(fn: (entry: T) => T): void {
    for (const list of [this.undos, this.redos]) for (let i = 0; i < list.length; i++) list[i] = fn(list[i]);
  }

  clear(): void {
    this.undos.length = 0;
    this.redos.length = 0;
  }

  get undoSize(): number {
    return this.undos.length;
  }

  get redoSize(): number {
    return this.redos.length;
  }
}
