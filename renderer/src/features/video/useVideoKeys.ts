import { useEffect } from 'react';
import { JUMP_MS, usePlaybackStore } from '../../stores/usePlaybackStore';
import { useProfileStore } from '../../stores/useProfileStore';
import { useVideoStore } from '../../stores/useVideoStore';

export const VIDEO_KEYS = [
  { keys: 'Space or K', does: 'play / pause' },
  { keys: ', and .', does: 'one frame back / forward (pauses first)' },
  { keys: '← / → (or J / L)', does: 'jump 5 s back / forward' },
  { keys: 'I then O', does: 'mark where feedback starts, then ends: makes an instance' },
  { keys: 'R', does: 'loop the selected instance (or the span from I) on / off' },
  { keys: '1 … 6', does: 'toggle a category of the selected instance' },
  { keys: 'Esc', does: 'forget the I mark; deselect' },
] as const;

/** Text fields, lists and editable text take their keys; checkboxes and buttons only keep Space and Enter. */
function ownsKey(target: EventTarget | null, key: string): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    if (type !== 'checkbox' && type !== 'radio' && type !== 'button') return true;
  }
  return (key === ' ' || key === 'Enter') && (el.tagName === 'BUTTON' || el.tagName === 'INPUT');
}

/** The player's hotkeys, on window, ignored while typing in a field. */
export function useVideoKeys(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || ownsKey(e.target, e.key)) return;
      const p = usePlaybackStore.getState();
      const v = useVideoStore.getState();
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const selected = v.instances.find((i) => i.id === v.selectedId) ?? null;
      const mine = selected && selected.annotatorId === useProfileStore.getState().current?.id ? selected : null;
      let handled = true;
      switch (key) {
        case ' ':
        case 'k':
          p.togglePlay();
          break;
        case ',':
          p.step(-1);
          break;
        case '.':
          p.step(1);
          break;
        case 'ArrowLeft':
        case 'j':
          p.jump(-JUMP_MS);
          break;
        case 'ArrowRight':
        case 'l':
          p.jump(JUMP_MS);
          break;
        case 'i':
          p.markIn();
          break;
        case 'o': {
          const span = p.markOut();
          if (span) void v.create(span.startMs, span.endMs);
          break;
        }
        case 'r': {
          if (p.loop) p.setLoop(null);
          else if (selected) p.setLoop({ startMs: selected.startMs, endMs: selected.endMs });
          else if (p.markInMs !== null && p.currentMs > p.markInMs) p.setLoop({ startMs: p.markInMs, endMs: p.currentMs });
          break;
        }
        case 'Escape':
          usePlaybackStore.setState({ markInMs: null, message: null });
          v.select(null);
          break;
        default: {
          const cat = v.opened?.vocabulary.categories.find((c) => c.hotkey === e.key);
          if (cat && mine) {
            const has = mine.categories.includes(cat.key);
            void v.update(mine.id, { categories: has ? mine.categories.filter((k) => k !== cat.key) : [...mine.categories, cat.key] });
          } else handled = false;
        }
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
