import { useEffect } from 'react';
import { useProposalStore } from '../../stores/useProposalStore';
import { isTyping } from '../slides/hotkeys';

/** G shows or hides the model's ghost boxes. */
export function useProposalKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || isTyping(e.target)) return;
      if (e.key !== 'g' && e.key !== 'G') return;
      e.preventDefault();
      useProposalStore.getState().toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
