import { describe, expect, it } from 'vitest';
import { annotationKeyAction, type KeyLike } from '../../../renderer/src/features/annotations/annotationKeys';

const key = (k: string, extra: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code: /^[0-9]$/.test(k) ? `Digit${k}` : /^[a-z]$/i.test(k) ? `Key${k.toUpperCase()}` : '',
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...extra,
});

describe('annotation keys', () => {
  it('QuPath letters choose tools', () => {
    const tools = Object.fromEntries(['r', 'o', 'p', 'b', '.', 'l', 'm', 's'].map((k) => [k, annotationKeyAction(key(k))]));
    expect(tools).toEqual({
      r: { kind: 'tool', tool: 'rectangle' },
      o: { kind: 'tool', tool: 'ellipse' },
      p: { kind: 'tool', tool: 'polygon' },
      b: { kind: 'tool', tool: 'brush' },
      '.': { kind: 'tool', tool: 'point' },
      l: { kind: 'tool', tool: 'line' },
      m: { kind: 'tool', tool: 'move' },
      s: { kind: 'tool', tool: 'select' },
    });
    expect(annotationKeyAction(key('R'))).toEqual({ kind: 'tool', tool: 'rectangle' }); // caps lock
  });

  it('A shows or hides, F fills, E toggles the eraser, N goes to the next (Shift+N the previous)', () => {
    expect(annotationKeyAction(key('a'))).toEqual({ kind: 'toggleVisible' });
    expect(annotationKeyAction(key('f'))).toEqual({ kind: 'toggleFill' });
    expect(annotationKeyAction(key('e'))).toEqual({ kind: 'toggleEraser' });
    expect(annotationKeyAction(key('n'))).toEqual({ kind: 'next', back: false });
    expect(annotationKeyAction(key('N', { shiftKey: true }))).toEqual({ kind: 'next', back: true });
  });

  it('plain digits stay the magnification keys; Shift+digit assigns a class, whatever character the layout types', () => {
    for (const d of '0123456789') expect(annotationKeyAction(key(d))).toBeNull();
    expect(annotationKeyAction({ ...key('!'), code: 'Digit1', shiftKey: true })).toEqual({ kind: 'assignClass', digit: 1 });
    expect(annotationKeyAction({ ...key('('), code: 'Digit9', shiftKey: true })).toEqual({ kind: 'assignClass', digit: 9 });
    expect(annotationKeyAction({ ...key(')'), code: 'Digit0', shiftKey: true })).toBeNull();
    expect(annotationKeyAction({ ...key('3'), code: 'Numpad3', shiftKey: true })).toEqual({ kind: 'assignClass', digit: 3 });
  });

  it('Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo (Cmd on a Mac)', () => {
    expect(annotationKeyAction(key('z', { ctrlKey: true }))).toEqual({ kind: 'undo' });
    expect(annotationKeyAction(key('Z', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'redo' });
    expect(annotationKeyAction(key('y', { ctrlKey: true }))).toEqual({ kind: 'redo' });
    expect(annotationKeyAction(key('z', { metaKey: true }))).toEqual({ kind: 'undo' });
    expect(annotationKeyAction(key('r', { ctrlKey: true }))).toBeNull();
  });

  it('Alt combinations (section switching) and other Shift letters are left alone', () => {
    expect(annotationKeyAction({ ...key('1'), altKey: true })).toBeNull();
    expect(annotationKeyAction(key('r', { altKey: true }))).toBeNull();
    expect(annotationKeyAction(key('R', { shiftKey: true }))).toBeNull();
  });

  it('Delete and Backspace delete, Escape and Enter are passed on', () => {
    expect(annotationKeyAction(key('Delete'))).toEqual({ kind: 'delete' });
    expect(annotationKeyAction(key('Backspace'))).toEqual({ kind: 'delete' });
    expect(annotationKeyAction(key('Escape'))).toEqual({ kind: 'escape' });
    expect(annotationKeyAction(key('Enter'))).toEqual({ kind: 'enter' });
    expect(annotationKeyAction(key('ArrowLeft'))).toBeNull();
    expect(annotationKeyAction(key('+'))).toBeNull();
  });
});
