import { useMemo } from 'react';
import { useReplayStore, viewAt } from '../../stores/useReplayStore';
import { useViewerStore } from '../../stores/useViewerStore';
import { screenPointOf } from '../slides/osdView';
import { HeatmapCanvas } from './HeatmapCanvas';
import { useViewerRedraw } from './useViewerRedraw';

/** Over the slide during replay: the path of the view centre so far and the current view's outline. */
export function ReplayOverlay() {
  const data = useReplayStore((s) => s.data);
  const t = useReplayStore((s) => s.t);
  const showTrajectory = useReplayStore((s) => s.showTrajectory);
  const showHeatmap = useReplayStore((s) => s.showHeatmap);
  const viewer = useViewerStore((s) => s.viewer);
  const redraw = useViewerRedraw(viewer);

  const path = useMemo(() => {
    if (!data || !viewer || !showTrajectory) return null;
    const pts: string[] = [];
    let lastX = NaN;
    let lastY = NaN;
    for (const v of data.viewports) {
      if (v.t > t) break;
      const p = screenPointOf(viewer, v.cx, v.cy);
      if (!p || (Math.abs(p.x - lastX) < 1 && Math.abs(p.y - lastY) < 1)) continue;
      lastX = p.x;
      lastY = p.y;
      pts.push(`${p.x.toFixed(1)},${p.y.toFixed(1)}`);
    }
    return pts.join(' ');
    // redraw: recompute when the viewer moves
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, viewer, t, showTrajectory, redraw]);

  if (!data || !viewer) return null;
  const current = viewAt(data.viewports, t);
  const corners =
    current &&
    [
      [current.x0, current.y0],
      [current.x1, current.y0],
      [current.x1, current.y1],
      [current.x0, current.y1],
    ]
      .map(([x, y]) => screenPointOf(viewer, x, y))
      .filter((p): p is { x: number; y: number } => p !== null);
  return (
    <>
      {showHeatmap && <HeatmapCanvas data={data} redraw={redraw} />}
      <svg className="overlay" data-testid="replay-overlay" aria-label="Replay trajectory">
        {path && <polyline points={path} className="trajectory" data-testid="trajectory" />}
        {corners && corners.length === 4 && <polygon points={corners.map((p) => `${p.x},${p.y}`).join(' ')} className="current-view" />}
        {current && (() => {
          const c = screenPointOf(viewer, current.cx, current.cy);
          return c ? <circle cx={c.x} cy={c.y} r={5} className="current-centre" /> : null;
        })()}
      </svg>
    </>
  );
}
