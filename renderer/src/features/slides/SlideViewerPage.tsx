import { useEffect, useMemo, useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLibraryStore } from '../../stores/useLibraryStore';
import { useRecorderStore } from '../../stores/useRecorderStore';
import { useReplayStore } from '../../stores/useReplayStore';
import { useSlideStore } from '../../stores/useSlideStore';
import { useViewerStore } from '../../stores/useViewerStore';
import { ReplayBar } from '../recording/ReplayBar';
import { ReplayOverlay } from '../recording/ReplayOverlay';
import { SessionsPanel } from '../recording/SessionsPanel';
import { VIEWER_KEYS } from './hotkeys';
import { OsdViewer } from './OsdViewer';
import { ScaleBar } from './ScaleBar';
import { SlideInfoPanel } from './SlideInfoPanel';
import { SlideStrip } from './SlideStrip';
import { useViewerKeys } from './useViewerKeys';
import { ViewerToolbar } from './ViewerToolbar';

type Tab = 'info' | 'sessions' | 'keys';

export function SlideViewerPage() {
  const { slideId, descriptor, loading, error, open, close } = useSlideStore();
  const files = useLibraryStore((s) => s.files);
  const viewer = useViewerStore((s) => s.viewer);
  const replaying = useReplayStore((s) => s.data !== null);
  const [tab, setTab] = useState<Tab>('info');
  const slides = useMemo(() => files.filter((f) => f.kind === 'slide'), [files]);

  // Recording runs while a slide is shown, and ends cleanly when it closes.
  useEffect(() => {
    if (!viewer || slideId === null) return;
    void useRecorderStore.getState().start(slideId, viewer);
    return () => {
      useReplayStore.getState().stop();
      void useRecorderStore.getState().stop();
    };
  }, [viewer, slideId]);

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
        {descriptor && <ViewerToolbar descriptor={descriptor} onClose={() => void close()} />}
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
            <ReplayOverlay />
            <ScaleBar mpp={descriptor.mpp?.x ?? null} />
          </div>
        )}
        <ReplayBar />
      </div>
      <aside className="viewer-side">
        <div className="tabs" role="tablist">
          {(['info', 'sessions', 'keys'] as const).map((t) => (
            <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
              {t === 'info' ? 'Slide' : t === 'sessions' ? 'Sessions' : 'Keys'}
            </button>
          ))}
        </div>
        {tab === 'info' && descriptor && <SlideInfoPanel />}
        {tab === 'sessions' && <SessionsPanel slideId={slideId} />}
        {tab === 'keys' && (
          <table className="keys">
            <tbody>
              {VIEWER_KEYS.map((k) => (
                <tr key={k.keys}>
                  <td className="mono">{k.keys}</td>
                  <td>{k.does}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </aside>
    </div>
  );
}
