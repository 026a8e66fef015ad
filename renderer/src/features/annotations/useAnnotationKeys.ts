import { useEffect } from 'react';
import { useAnnotationStore } from '../../stores/useAnnotationStore';
import { useAnnotationToolStore } from '../../stores/useAnnotationToolStore';
import { useViewerStore } from '../../stores/useViewerStore';
import { isTyping } from '../slides/hotkeys';
import { annotationKeyAction } from './annotationKeys';
import { commitDrawing } from './commitDrawing';
import { flyToAnnotation } from './flyTo';
import { filteredIds } from './listing';
import { nextInOrder } from './selection';
import { keyStep } from './tools/drawingTools';
import { isDrawingTool } from './tools/toolTypes';

/** Selects the next (or previous) annotation of the list and shows it. */
export function goToNextAnnotation(back: boolean): void {
  const store = useAnnotationStore.getState();
  const ids = filteredIds(store.annotations.values(), store.filter);
  const current = store.selected.size === 1 ? [...store.selected][0] : null;
  const id = nextInOrder(ids, current, back);
  const a = id === null ? undefined : store.annotations.get(id);
  const viewer = useViewerStore.getState().viewer;
  if (!a) return;
  store.select([a.id]);
  if (viewer) flyToAnnotation(viewer, a);
}

/**
 * The annotation keys, listened to on window in the capture phase so that Esc, when it cancels a drawing or the
 * selection, never reaches the viewer (where it closes the slide).
 */
export function useAnnotationKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || !useViewerStore.getState().viewer) return;
      const action = annotationKeyAction(e);
      if (!action) return;
      const tools = useAnnotationToolStore.getState();
      const store = useAnnotationStore.getState();
      switch (action.kind) {
        case 'tool':
          tools.setTool(action.tool);
          break;
        case 'toggleVisible':
          tools.toggleVisible();
          break;
        case 'toggleFill':
          tools.toggleFill();
          break;
        case 'toggleEraser':
          tools.setEraser(!tools.eraser);
          if (tools.tool !== 'brush') tools.setTool('brush');
          break;
        case 'undo':
          void store.undo();
          break;
        case 'redo':
          void store.redo();
          break;
        case 'delete': {
          if (e.key === 'Backspace' && tools.draft) {
            const r = keyStep(tools.draft, 'Backspace');
            if (r.handled) tools.setDraft(r.draft);
            break;
          }
          if (store.selected.size === 0) return;
          void store.remove(store.selected);
          break;
        }
        case 'enter': {
          const r = keyStep(tools.draft, 'Enter');
          if (!r.handled) return;
          tools.setDraft(r.draft);
          if (r.commit && isDrawingTool(tools.tool)) commitDrawing(r.commit, tools.tool);
          break;
        }
        case 'escape': {
          if (tools.draft) tools.setDraft(null);
          else if (tools.tool !== 'select') tools.setTool('select');
          else if (store.selected.size > 0) store.select([]);
          else return;
          e.stopImmediatePropagation();
          break;
        }
        case 'assignClass':
          void store.assignShortcut(action.digit);
          break;
        case 'next':
          goToNextAnnotation(action.back);
          break;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
