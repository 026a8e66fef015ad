import { useAnnotationStore } from '../../stores/useAnnotationStore';
import { BRUSH_RADIUS_RANGE, useAnnotationToolStore } from '../../stores/useAnnotationToolStore';
import { useUndoStore } from '../../stores/useUndoStore';
import { ToolIcon } from './ToolIcon';
import type { ToolId } from './tools/toolTypes';

const TOOLS: Array<{ id: ToolId; label: string; key: string }> = [
  { id: 'select', label: 'Select', key: 'S' },
  { id: 'move', label: 'Move', key: 'M' },
  { id: 'rectangle', label: 'Rectangle', key: 'R' },
  { id: 'ellipse', label: 'Ellipse', key: 'O' },
  { id: 'polygon', label: 'Polygon', key: 'P' },
  { id: 'brush', label: 'Brush', key: 'B' },
  { id: 'point', label: 'Points', key: '.' },
  { id: 'line', label: 'Line (ruler)', key: 'L' },
];

/** The annotation tools in the viewer toolbar: tools, eraser and brush size, show/fill, undo/redo. */
export function AnnotationToolbar() {
  const { tool, eraser, brushRadiusPx, visible, fill, setTool, setEraser, setBrushRadius, toggleVisible, toggleFill } = useAnnotationToolStore();
  const undoLabel = useUndoStore((s) => s.undoLabel);
  const redoLabel = useUndoStore((s) => s.redoLabel);
  return (
    <div className="annotation-tools" role="toolbar" aria-label="Annotation tools">
      {TOOLS.map((t) => (
        <button
          key={t.id}
          className={tool === t.id ? 'active' : ''}
          aria-pressed={tool === t.id}
          aria-label={`${t.label} tool`}
          title={`${t.label} (${t.key})`}
          onClick={() => setTool(t.id)}
        >
          <ToolIcon tool={t.id} />
        </button>
      ))}
      {/* Always laid out (hidden unless brushing), so choosing the brush never re-wraps the toolbar and moves the slide. */}
      <span className={`brush-options${tool === 'brush' ? '' : ' hidden'}`} inert={tool !== 'brush'}>
        <button className={eraser ? 'active' : ''} aria-pressed={eraser} title="Eraser (E, or hold Alt while brushing)" onClick={() => setEraser(!eraser)}>
          Eraser
        </button>
        <label className="small brush-size" title="Brush radius in screen pixels">
          <input
            type="range"
            min={BRUSH_RADIUS_RANGE.min}
            max={BRUSH_RADIUS_RANGE.max}
            value={brushRadiusPx}
            onChange={(e) => setBrushRadius(Number(e.target.value))}
            aria-label="Brush size"
          />
        </label>
      </span>
      <button aria-pressed={visible} className={visible ? '' : 'off'} title="Show or hide annotations (A)" onClick={toggleVisible}>
        {visible ? 'Shown' : 'Hidden'}
      </button>
      <button aria-pressed={fill} title="Fill on or off (F)" onClick={toggleFill}>
        Fill
      </button>
      <button aria-label="Undo" title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'} disabled={!undoLabel} onClick={() => void useAnnotationStore.getState().undo()}>
        ↶
      </button>
      <button aria-label="Redo" title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'} disabled={!redoLabel} onClick={() => void useAnnotationStore.getState().redo()}>
        ↷
      </button>
    </div>
  );
}
