import { useEffect } from 'react';
import { JobsTray } from './components/JobsTray';
import { ExportView } from './features/export/ExportView';
import { LibraryView } from './features/library/LibraryView';
import { ProfileGate } from './features/profile/ProfileGate';
import { ReviewView } from './features/review/ReviewView';
import { SettingsView } from './features/settings/SettingsView';
import { VideoView } from './features/video/VideoView';
import { SECTIONS, useNavStore, type Section } from './stores/useNavStore';
import { useProfileStore } from './stores/useProfileStore';

const VIEWS: Record<Section, () => React.JSX.Element> = {
  library: LibraryView,
  review: ReviewView,
  video: VideoView,
  export: ExportView,
  settings: SettingsView,
};

export function App() {
  const { current, load } = useProfileStore();
  const { section, go } = useNavStore();

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    // Alt+1…5 moves between sections from anywhere.
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const i = Number(e.key) - 1;
      if (i >= 0 && i < SECTIONS.length) {
        e.preventDefault();
        go(SECTIONS[i].id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  if (!current) return <ProfileGate />;
  const View = VIEWS[section];
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Sightline</span>
        <nav aria-label="Sections">
          {SECTIONS.map((s, i) => (
            <button key={s.id} className={s.id === section ? 'active' : ''} onClick={() => go(s.id)} title={`Alt+${i + 1}`} aria-current={s.id === section ? 'page' : undefined}>
              {s.label}
            </button>
          ))}
        </nav>
        <span className="who" title="Annotator profile">
          {current.name}
        </span>
      </header>
      <View />
      <JobsTray />
    </div>
  );
}
