import { useEffect, useMemo, useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLibraryStore } from '../../stores/useLibraryStore';
import { useRecorderStore } from '../../stores/useRecorderStore';
import { useReplayStore } from '../../stores/useReplayStore';
import { useSlideStore } from '../../stores/useSlideStore';
import { useViewerStore } from '../../stores/useViewerStore';
import { ReplayBar } from '../recording/ReplayBar';
import { OsdViewer } from './OsdViewer';
import { ScaleBar } from './ScaleBar';
import { SlideStrip } from './SlideStrip';
import { viewerOverlays, viewerTabs, viewerToolbarItems } from './viewerExtensions';
import { useViewerKeys } from './useViewerKeys';
import { ViewerToolbar } from './ViewerToolbar';

export function SlideViewerPage() {
  const { slideId, descriptor, loading, error, open, close } = useSlideStore();
  const files = useLibraryStore((s) => s.files);
  const viewer = useViewerStore((s) => s.viewer);
  const replaying = useReplayStore((s) => s.data !== null);
  const [tab, setTab] = useState(viewerTabs[0].id);
  const slides = useMemo(() => files.filter((f) => f.kind === 'slide'), [files]);

  // Recording runs while a slide is shown, and ends cleanly when it closes. Only with the viewer of the slide now
  // shown: right after a move to the next slide, the store still holds the previous slide's viewer, being destroyed.
  const shownSlideId = descriptor?.slideId ?? null;
  useEffect(() => {
    if (!viewer || slideId === null || shownSlideId !== slideId) return;
    void useRecorderStore.getState().start(slideId, viewer);
    return () => {
      useReplayStore.getState().stop();
      void useRecorderStore.getState().stop();
    };
  }, [viewer, slideId, shownSlideId]);

  const actions = useMemo(() => {
    const step = (d: number) => {
      const i = slides.findIndex((s) => s.id === slideId);
      const next = slides[i + d];
      if (next) void open(next.id);
    };
    return { prev: () => step(-1), next: () => step(1), close: () => void close() };
  }, [slides, slideId, open, close]);
  useViewerKeys(replaying ? null : descriptor, actions);

  if (slideId === null) return null;
  return (
    <div className="viewer-page">
      <SlideStrip slides={slides} currentId={slideId} onOpen={(id) => void open(id)} />
      <div className="viewer-main">
        {descriptor && (
          <ViewerToolbar descriptor={descriptor} onClose={() => void close()}>
            {viewerToolbarItems.map((Item, i) => (
              <Item key={i} slideId={slideId} descriptor={descriptor} />
            ))}
          </ViewerToolbar>
        )}
        {!descriptor && (
          <div className="viewer-toolbar">
            <button onClick={() => void close()}>← Library</button>
          </div>
        )}
        <ErrorBanner message={error ? `This slide cannot be shown: ${error}` : null} />
        {loading && <p className="muted pad">Opening slide…</p>}
        {descriptor && (
          <div className="osd-wrap">
            <OsdViewer key={descriptor.slideId} descriptor={descriptor} />
            {viewerOverlays.map((Overlay, i) => (
              <Overlay key={i} slideId={slideId} descriptor={descriptor} />
            ))}
            <ScaleBar mpp={descriptor.mpp?.x ?? null} />
          </div>
        )}
        <ReplayBar />
      </div>
      <aside className="viewer-side">
        <div className="tabs" role="tablist">
          {viewerTabs.map((t) => (
            <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'active' : ''} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </div>
        {descriptor &&
          viewerTabs
            .filter((t) => t.id === tab)
            .map((t) => <t.Panel key={t.id} slideId={slideId} descriptor={descriptor} />)}
      </aside>
    </div>
  );
}
