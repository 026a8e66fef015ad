import { micronsPerScreenPixel } from '../../../../shared/slides/magnification';
import { useViewerStore } from '../../stores/useViewerStore';
import { scaleBarFor } from './scaleBar';

export function ScaleBar({ mpp }: { mpp: number | null }) {
  const zoom = useViewerStore((s) => s.zoom);
  const umPerPx = micronsPerScreenPixel(zoom, mpp);
  const bar = umPerPx === null ? null : scaleBarFor(umPerPx);
  if (!bar) return <div className="scale-bar muted small">no scale (the slide does not give its MPP)</div>;
  return (
    <div className="scale-bar" data-testid="scale-bar" aria-label={`Scale bar ${bar.label}`}>
      <div className="scale-line" style={{ width: `${bar.px}px` }} />
      <span>{bar.label}</span>
    </div>
  );
}
