import { useMemo } from 'react';
import type OpenSeadragon from 'openseadragon';
import type { Box } from '../../../../shared/behavior';
import type { EffectiveCommand } from '../../../../shared/contract';
import { useBehaviorStore } from '../../stores/useBehaviorStore';
import { useViewerStore } from '../../stores/useViewerStore';
import { useViewerRedraw } from '../recording/useViewerRedraw';
import { screenPointOf } from '../slides/osdView';
import { nestCommands } from './commandText';
import { DrawLayer } from './DrawLayer';

interface Shape {
  points: string;
  labelX: number;
  labelY: number;
}

/** Screen outline of a level-0 box (a rotated view turns it), and where its number goes. */
function shapeOf(viewer: OpenSeadragon.Viewer, b: Box): Shape | null {
  const corners = [
    [b[0], b[1]],
    [b[2], b[1]],
    [b[2], b[3]],
    [b[0], b[3]],
  ].map(([x, y]) => screenPointOf(viewer, x, y));
  if (corners.some((p) => p === null)) return null;
  const pts = corners as Array<{ x: number; y: number }>;
  return {
    points: pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' '),
    labelX: Math.min(...pts.map((p) => p.x)),
    labelY: Math.min(...pts.map((p) => p.y)),
  };
}

function CommandShape({ c, shape, selected, onPick }: { c: EffectiveCommand; shape: Shape; selected: boolean; onPick(): void }) {
  const label = String(c.number);
  const w = 8 + label.length * 8;
  return (
    <g className={`cmd-shape kind-${c.kind} prov-${c.provenance}${selected ? ' selected' : ''}`}>
      <polygon points={shape.points} />
      <g className="cmd-badge" onClick={onPick} data-testid="command-badge" data-number={c.number}>
        <rect x={shape.labelX} y={shape.labelY - 18} width={w} height={18} rx={3} />
        <text x={shape.labelX + w / 2} y={shape.labelY - 5} textAnchor="middle">
          {label}
        </text>
      </g>
    </g>
  );
}

/**
 * Over the slide while the Commands tab is showing: the numbered command boxes, coloured by kind, each peek drawn
 * inside the group of the inspect it belongs to; and, while drawing, the layer that catches the drag.
 */
export function CommandsOverlay() {
  const viewer = useViewerStore((s) => s.viewer);
  const panelOpen = useBehaviorStore((s) => s.panelOpen);
  const data = useBehaviorStore((s) => s.data);
  const selectedKey = useBehaviorStore((s) => s.selectedKey);
  const mode = useBehaviorStore((s) => s.mode);
  const draft = useBehaviorStore((s) => s.draft);
  const redraw = useViewerRedraw(viewer);

  const groups = useMemo(() => {
    if (!viewer || !data) return [];
    const live = data.effective.filter((c) => !c.deleted);
    return nestCommands(live)
      .map(({ command, children }) => ({
        command,
        shape: shapeOf(viewer, command.box),
        children: children.map((c) => ({ command: c, shape: shapeOf(viewer, c.box) })),
      }))
      .filter((g) => g.shape !== null);
    // redraw: follow pan, zoom and rotation
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [viewer, data, redraw]);

  if (!viewer || !panelOpen) return null;
  const draftShape = draft ? shapeOf(viewer, draft) : null;
  const pick = (c: EffectiveCommand) => useBehaviorStore.getState().select(c.key);
  return (
    <>
      <svg className="overlay cmd-overlay" data-testid="command-overlay" aria-label="Command boxes">
        {groups.map(({ command, shape, children }) => (
          <g key={command.key} className="cmd-group" data-testid="command-box" data-number={command.number} data-kind={command.kind}>
            <CommandShape c={command} shape={shape!} selected={command.key === selectedKey} onPick={() => pick(command)} />
            {children.map(
              (ch) =>
                ch.shape && (
                  <g key={ch.command.key} className="cmd-child" data-testid="command-box" data-number={ch.command.number} data-kind={ch.command.kind} data-parent={command.number}>
                    <CommandShape c={ch.command} shape={ch.shape} selected={ch.command.key === selectedKey} onPick={() => pick(ch.command)} />
                  </g>
                ),
            )}
          </g>
        ))}
        {draftShape && <polygon className="cmd-draft" points={draftShape.points} />}
      </svg>
      {mode !== 'view' && !draft && <DrawLayer viewer={viewer} onBox={(b) => void useBehaviorStore.getState().finishDrawing(b)} />}
    </>
  );
}
