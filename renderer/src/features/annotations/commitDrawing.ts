import { useAnnotationStore } from '../../stores/useAnnotationStore';
import type { Commit, DrawingToolId } from './tools/toolTypes';

const NOUNS: Record<DrawingToolId, string> = {
  rectangle: 'rectangle',
  ellipse: 'ellipse',
  polygon: 'polygon',
  brush: 'brush stroke',
  point: 'point',
  line: 'line',
};

/** Stores what a drawing tool finished: a new shape, or a brush stroke added to (or erased from) annotations. */
export function commitDrawing(c: Commit, tool: DrawingToolId): void {
  const store = useAnnotationStore.getState();
  if (c.kind === 'shape') void store.create(c.geometry, `draw ${NOUNS[tool]}`);
  else void store.applyBrush(c.stroke, c.erase);
}
