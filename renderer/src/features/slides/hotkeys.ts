import { MAGNIFICATION_STEPS } from '../../../../shared/slides/magnification';
import { ANNOTATION_KEYS } from '../annotations/annotationKeyList';

/** Keys 1–6 jump to 1.25×, 2.5×, 5×, 10×, 20×, 40× around the view centre. */
export const MAGNIFICATION_KEYS: Record<string, number> = Object.fromEntries(MAGNIFICATION_STEPS.map((m, i) => [String(i + 1), m]));

export const VIEWER_KEYS = [
  { keys: '1 … 6', does: '1.25×, 2.5×, 5×, 10×, 20×, 40×' },
  { keys: '0', does: 'whole slide' },
  { keys: '← ↑ → ↓', does: 'pan (Shift: a whole screen)' },
  { keys: '+ / −', does: 'zoom in / out' },
  { keys: '[ / ]', does: 'rotate 90° left / right' },
  { keys: 'Page Up / Page Down', does: 'previous / next slide of the case' },
  { keys: 'Delete', does: 'delete the selected command box (Commands tab)' },
  { keys: 'Esc', does: 'cancel drawing a command box (Commands tab)' },
  ...ANNOTATION_KEYS,
  { keys: 'G', does: 'show / hide the model’s proposals' },
] as const;

/** True when the key belongs to a text field, so viewer shortcuts must leave it alone. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
