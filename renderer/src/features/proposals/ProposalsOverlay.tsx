import { useMemo } from 'react';
import type OpenSeadragon from 'openseadragon';
import type { StoredProposal } from '../../../../shared/contract';
import { useProposalStore } from '../../stores/useProposalStore';
import { useViewerStore } from '../../stores/useViewerStore';
import { useViewerRedraw } from '../recording/useViewerRedraw';
import { screenPointOf } from '../slides/osdView';
import type { ViewerPartProps } from '../slides/viewerExtensions';
import { ABSTAIN_TEXT, scoreLine } from './proposalText';

interface Ghost {
  p: StoredProposal;
  points: string;
  x: number;
  y: number;
}

function ghostOf(viewer: OpenSeadragon.Viewer, p: StoredProposal): Ghost | null {
  const [x0, y0, x1, y1] = p.box;
  const corners = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ].map(([x, y]) => screenPointOf(viewer, x, y));
  if (corners.some((c) => c === null)) return null;
  const pts = corners as Array<{ x: number; y: number }>;
  return { p, points: pts.map((c) => `${c.x.toFixed(1)},${c.y.toFixed(1)}`).join(' '), x: Math.min(...pts.map((c) => c.x)), y: Math.min(...pts.map((c) => c.y)) };
}

/** Ghost boxes of the model's proposals over the slide, with score and confidence, and the abstain marker. */
export function ProposalsOverlay({ slideId }: ViewerPartProps) {
  const viewer = useViewerStore((s) => s.viewer);
  const visible = useProposalStore((s) => s.visible);
  const proposals = useProposalStore((s) => s.proposals);
  const ownSlide = useProposalStore((s) => s.slideId === slideId);
  const selectedId = useProposalStore((s) => s.selectedId);
  const redraw = useViewerRedraw(viewer);

  const ghosts = useMemo(() => {
    if (!viewer || !ownSlide) return [];
    return proposals.map((p) => ghostOf(viewer, p)).filter((g): g is Ghost => g !== null);
    // redraw: follow pan, zoom and rotation
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [viewer, proposals, ownSlide, redraw]);

  if (!viewer || !visible || ghosts.length === 0) return null;
  return (
    <svg className="overlay proposal-overlay" data-testid="proposal-overlay" aria-label="Model proposals">
      {ghosts.map(({ p, points, x, y }) => (
        <g
          key={p.id}
          className={`proposal-ghost status-${p.status}${p.abstain ? ' abstain' : ''}${p.id === selectedId ? ' selected' : ''}`}
          data-testid="proposal-box"
          data-id={p.id}
          data-status={p.status}
          data-abstain={p.abstain}
        >
          <polygon points={points} />
          <text x={x + 4} y={y - 6}>
            {scoreLine(p)}
          </text>
          {p.abstain && (
            <text className="proposal-abstain" x={x + 4} y={y - 22}>
              {ABSTAIN_TEXT}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
