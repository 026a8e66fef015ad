import type { ReactNode } from 'react';
import type { SlideDescriptor } from '../../../../shared/contract';
import { MAGNIFICATION_STEPS, zoomForMagnification } from '../../../../shared/slides/magnification';
import { useRecorderStore } from '../../stores/useRecorderStore';
import { useViewerStore } from '../../stores/useViewerStore';
import { RecordingIndicator } from '../recording/RecordingIndicator';
import { formatMagnification } from './formatMagnification';
import { zoomToImageZoom } from './osdView';

export function goToMagnification(d: SlideDescriptor, m: number, key: string): void {
  const viewer = useViewerStore.getState().viewer;
  const zoom = zoomForMagnification(m, { objectivePower: d.objectivePower, mpp: d.mpp?.x ?? null });
  if (!viewer || zoom === null) return;
  zoomToImageZoom(viewer, zoom);
  useRecorderStore.getState().hotkey(key, m);
}

export function rotateBy(deg: number): void {
  const viewer = useViewerStore.getState().viewer;
  if (viewer) viewer.viewport.setRotation(viewer.viewport.getRotation() + deg);
}

export function ViewerToolbar({ descriptor, onClose, children }: { descriptor: SlideDescriptor; onClose(): void; children?: ReactNode }) {
  const magnification = useViewerStore((s) => s.magnification);
  const rotation = useViewerStore((s) => s.rotation);
  const known = descriptor.objectivePower !== null || descriptor.mpp !== null;
  return (
    <div className="viewer-toolbar">
      <button onClick={onClose} title="Back to the library (Esc)">
        ← Library
      </button>
      <strong className="slide-name" title={descriptor.name}>
        {descriptor.name}
      </strong>
      <span className="mag-readout" data-testid="magnification" title="Equivalent magnification of the view">
        {known ? formatMagnification(magnification) : 'magnification unknown'}
      </span>
      <div className="mag-steps" role="group" aria-label="Magnification">
        {MAGNIFICATION_STEPS.map((m, i) => (
          <button key={m} onClick={() => goToMagnification(descriptor, m, String(i + 1))} disabled={!known} title={`${m}× (key ${i + 1})`}>
            {m}×
          </button>
        ))}
      </div>
      <div className="rotate" role="group" aria-label="Rotation">
        <button onClick={() => rotateBy(-90)} title="Rotate left ([)">
          ⟲
        </button>
        <span className="small muted">{Math.round(((rotation % 360) + 360) % 360)}°</span>
        <button onClick={() => rotateBy(90)} title="Rotate right (])">
          ⟳
        </button>
      </div>
      <RecordingIndicator />
      {children}
    </div>
  );
}
