import { useEffect } from 'react';
import { useBehaviorStore } from '../../stores/useBehaviorStore';
import { isTyping } from '../slides/hotkeys';

/**
 * While the Commands tab is showing: Delete removes the selected command's box; Esc cancels drawing. Esc is caught
 * before the viewer's own Esc (back to the library) only while a drawing is under way.
 */
export function useCommandKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const s = useBehaviorStore.getState();
      if (e.key === 'Escape' && (s.mode !== 'view' || s.draft)) {
        e.preventDefault();
        e.stopImmediatePropagation();
        s.cancelDrawing();
      } else if (e.key === 'Delete' && !isTyping(e.target) && s.mode === 'view' && s.selectedKey) {
        e.preventDefault();
        void s.removeSelected();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
