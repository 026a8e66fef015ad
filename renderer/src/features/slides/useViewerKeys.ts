import { useEffect } from 'react';
import OpenSeadragon from 'openseadragon';
import type { SlideDescriptor } from '../../../../shared/contract';
import { useViewerStore } from '../../stores/useViewerStore';
import { isTyping, MAGNIFICATION_KEYS } from './hotkeys';
import { goToMagnification, rotateBy } from './ViewerToolbar';

/** Viewer hotkeys: magnifications, home, keyboard panning and zoom, rotation, moving between slides. */
export function useViewerKeys(descriptor: SlideDescriptor | null, actions: { prev(): void; next(): void; close(): void }): void {
  useEffect(() => {
    if (!descriptor) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const viewer = useViewerStore.getState().viewer;
      if (!viewer) return;
      const vp = viewer.viewport;
      const mag = MAGNIFICATION_KEYS[e.key];
      let handled = true;
      if (mag !== undefined && !e.shiftKey) goToMagnification(descriptor, mag, e.key);
      else if (e.key === '0') vp.goHome();
      else if (e.key.startsWith('Arrow')) {
        const b = vp.getBounds();
        const f = e.shiftKey ? 0.9 : 0.15;
        const dx = e.key === 'ArrowLeft' ? -b.width * f : e.key === 'ArrowRight' ? b.width * f : 0;
        const dy = e.key === 'ArrowUp' ? -b.height * f : e.key === 'ArrowDown' ? b.height * f : 0;
        vp.panBy(new OpenSeadragon.Point(dx, dy));
      } else if (e.key === '+' || e.key === '=') vp.zoomBy(1.5);
      else if (e.key === '-' || e.key === '_') vp.zoomBy(1 / 1.5);
      else if (e.key === '[') rotateBy(-90);
      else if (e.key === ']') rotateBy(90);
      else if (e.key === 'PageUp') actions.prev();
      else if (e.key === 'PageDown') actions.next();
      else if (e.key === 'Escape') actions.close();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [descriptor, actions]);
}
