import { useEffect, useMemo, useRef } from 'react';
import { attentionHeatmap } from '../../../../shared/recording/heatmap';
import type { NavigationEvent, SlideHeader } from '../../../../shared/navigation';
import { useViewerStore } from '../../stores/useViewerStore';
import { screenPointOf } from '../slides/osdView';
import { heatColour } from './heatColour';

/** The attention heatmap (dwell weighted by magnification) drawn over the slide, following pan, zoom and rotation. */
export function HeatmapCanvas({ data, redraw }: { data: { slide: SlideHeader; events: NavigationEvent[] }; redraw: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const viewer = useViewerStore((s) => s.viewer);
  const { image, extentX, extentY } = useMemo(() => {
    const grid = attentionHeatmap(data.slide, data.events);
    const off = document.createElement('canvas');
    off.width = grid.cols;
    off.height = grid.rows;
    const ctx = off.getContext('2d')!;
    const img = ctx.createImageData(grid.cols, grid.rows);
    for (let i = 0; i < grid.values.length; i++) {
      const [r, g, b, a] = heatColour(grid.values[i]);
      img.data.set([r, g, b, a], i * 4);
    }
    ctx.putImageData(img, 0, 0);
    return { image: off, extentX: grid.cols * grid.cellSize, extentY: grid.rows * grid.cellSize };
  }, [data]);

  useEffect(() => {
    const c = canvas.current;
    if (!c || !viewer) return;
    const { clientWidth: w, clientHeight: h } = viewer.element;
    c.width = w;
    c.height = h;
    const ctx = c.getContext('2d')!;
    ctx.clearRect(0, 0, w, h);
    const o = screenPointOf(viewer, 0, 0);
    const ex = screenPointOf(viewer, extentX, 0);
    const ey = screenPointOf(viewer, 0, extentY);
    if (!o || !ex || !ey) return;
    // Affine map from the grid image onto the slide's on-screen parallelogram (handles rotation).
    ctx.setTransform((ex.x - o.x) / image.width, (ex.y - o.y) / image.width, (ey.x - o.x) / image.height, (ey.y - o.y) / image.height, o.x, o.y);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(image, 0, 0);
  }, [viewer, image, redraw, extentX, extentY]);

  return <canvas ref={canvas} className="overlay heatmap" data-testid="heatmap" aria-label="Attention heatmap" />;
}
