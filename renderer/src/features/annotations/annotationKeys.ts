import type { ToolId } from './tools/toolTypes';

/** What a key does to the annotation tools. */
export type KeyAction =
  | { kind: 'tool'; tool: ToolId }
  | { kind: 'toggleVisible' }
  | { kind: 'toggleFill' }
  | { kind: 'toggleEraser' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'delete' }
  | { kind: 'assignClass'; digit: number }
  | { kind: 'next'; back: boolean }
  | { kind: 'escape' }
  | { kind: 'enter' };

export interface KeyLike {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const LETTER_TOOLS: Record<string, ToolId> = { r: 'rectangle', o: 'ellipse', p: 'polygon', b: 'brush', l: 'line', m: 'move', s: 'select' };

/**
 * QuPath-like keys. Plain digits stay the viewer's magnification keys, so a class is assigned with Shift+digit (read
 * from the physical key, as Shift+1 types "!" on most layouts). Alt combinations belong to the app (sections).
 */
export function annotationKeyAction(e: KeyLike): KeyAction | null {
  if (e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (e.ctrlKey || e.metaKey) {
    if (key === 'z') return e.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
    if (key === 'y' && !e.shiftKey) return { kind: 'redo' };
    return null;
  }
  const digit = /^Digit([1-9])$/.exec(e.code) ?? /^Numpad([1-9])$/.exec(e.code);
  if (e.shiftKey && digit) return { kind: 'assignClass', digit: Number(digit[1]) };
  if (key === 'n') return { kind: 'next', back: e.shiftKey };
  if (e.shiftKey) return null;
  if (LETTER_TOOLS[key]) return { kind: 'tool', tool: LETTER_TOOLS[key] };
  switch (key) {
    case '.':
      return { kind: 'tool', tool: 'point' };
    case 'a':
      return { kind: 'toggleVisible' };
    case 'f':
      return { kind: 'toggleFill' };
    case 'e':
      return { kind: 'toggleEraser' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'delete' };
    case 'Escape':
      return { kind: 'escape' };
    case 'Enter':
      return { kind: 'enter' };
    default:
      return null;
  }
}
