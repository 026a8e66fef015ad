import { useEffect, useRef, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLibraryStore } from '../../stores/useLibraryStore';
import { usePlaybackStore } from '../../stores/usePlaybackStore';
import { useVideoAnalysisStore } from '../../stores/useVideoAnalysisStore';
import { useVideoStore } from '../../stores/useVideoStore';
import { AgreementPanel } from './AgreementPanel';
import { ConsolePanel } from './ConsolePanel';
import { EffectivenessPanel } from './EffectivenessPanel';
import { ExportPanel } from './ExportPanel';
import { InstanceEditor } from './InstanceEditor';
import { InstanceList } from './InstanceList';
import { PlaybackRecorder } from './playbackRecorder';
import { PlayerPane } from './PlayerPane';
import { Timeline } from './Timeline';
import { useVideoKeys, VIDEO_KEYS } from './useVideoKeys';
import { VocabularyPanel } from './VocabularyPanel';

const TABS = [
  { id: 'annotate', label: 'Annotate' },
  { id: 'agreement', label: 'Agreement' },
  { id: 'effectiveness', label: 'Effectiveness' },
  { id: 'export', label: 'Export' },
  { id: 'labels', label: 'Labels' },
  { id: 'keys', label: 'Keys' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** Where transcripts can come from: an imported file; a speech-recognition model is listed and checked, not run. */
function SpeechRecognitionNote() {
  const models = useVideoAnalysisStore((s) => s.speechModels);
  useEffect(() => {
    void useVideoAnalysisStore.getState().loadSpeechModels();
  }, []);
  if (!models) return null;
  const ok = models.filter((m) => m.status === 'ok');
  const refused = models.filter((m) => m.status === 'refused');
  const text = ok.length
    ? `Speech-recognition model ${ok.map((m) => `${m.name} ${m.version}`).join(', ')} installed and checked against its card; Sightline does not run it yet, so transcripts come from Import transcript… (WebVTT or SRT).`
    : 'No speech-recognition model installed: transcripts come from Import transcript… (WebVTT or SRT).';
  return (
    <span className="muted small" role="note" aria-label="Speech recognition" title="A speech-recognition ONNX model with a card (task speech-recognition) can be added with sightline models add">
      {text}
      {refused.map((m) => (
        <span key={m.id} className="bad">
          {' '}
          {m.name} {m.version} refused: {m.problem}
        </span>
      ))}
    </span>
  );
}

function Toolbar() {
  const { opened, proposing, showOthers, speaker } = useVideoStore();
  const fileRef = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<string | null>(null);
  if (!opened) return null;
  return (
    <div className="video-toolbar">
      <strong className="video-name" title={opened.video.name}>
        {opened.video.name}
      </strong>
      <span className="muted small">
        {opened.media.width}×{opened.media.height} · {opened.media.fps} fps · {opened.media.codec}
        {opened.media.hasAudio ? ` · ${opened.media.audioCodec}` : ' · no sound'}
      </span>
      <label className="small">
        New instances:
        <select value={speaker ?? ''} onChange={(e) => useVideoStore.getState().setSpeaker(e.target.value)} aria-label="Speaker of new instances">
          {opened.vocabulary.speakers.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <button onClick={() => void useVideoStore.getState().propose()} disabled={proposing || !opened.media.hasAudio} title="Silero VAD on this computer: speech segments become proposals to accept or reject">
        {proposing ? 'Finding speech…' : 'Propose from speech'}
      </button>
      <button onClick={() => fileRef.current?.click()}>Import transcript…</button>
      <input
        ref={fileRef}
        type="file"
        accept=".vtt,.srt,text/vtt"
        hidden
        aria-label="Transcript file"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) setNote(await useVideoStore.getState().importTranscript(f));
        }}
      />
      <label className="check small">
        <input type="checkbox" checked={showOthers} onChange={(e) => void useVideoStore.getState().setShowOthers(e.target.checked)} /> Show other annotators
      </label>
      {note && (
        <span className="small ok" role="status">
          {note}
        </span>
      )}
      <SpeechRecognitionNote />
    </div>
  );
}

function Annotate() {
  const opened = useVideoStore((s) => s.opened);
  useVideoKeys(true);
  if (!opened) return null;
  return (
    <div className="video-annotate">
      <div className="video-left">
        <PlayerPane opened={opened} />
        <Timeline waveformUrl={opened.urls.waveform} />
        <div className="video-lists">
          <InstanceList />
          <ConsolePanel />
        </div>
      </div>
      <InstanceEditor />
    </div>
  );
}

/** The Video section: pick a video of the current case, annotate feedback, compare annotators, train, export. */
export function VideoView() {
  const files = useLibraryStore((s) => s.files);
  const caseId = useLibraryStore((s) => s.caseId);
  const videos = files.filter((f) => f.kind === 'video');
  const { videoId, opened, loading, error } = useVideoStore();
  const [tab, setTab] = useState<Tab>('annotate');
  const analysisError = useVideoAnalysisStore((s) => s.error);
  const projectId = opened?.video.projectId ?? null;
  const openedId = opened?.video.id ?? null;

  useEffect(() => {
    if (caseId !== null && files.length === 0) void useLibraryStore.getState().refreshFiles();
  }, [caseId, files.length]);
  useEffect(() => {
    if (videos.length && !videos.some((v) => v.id === videoId)) void useVideoStore.getState().open(videos[0].id);
  }, [videos, videoId]);
  useEffect(() => {
    if (projectId !== null) void useVideoAnalysisStore.getState().loadRun(projectId);
  }, [projectId]);
  // One session per opened video, whichever tab is shown: its playback actions and the edits made in it.
  useEffect(() => {
    if (openedId === null) return;
    const rec = new PlaybackRecorder(openedId);
    usePlaybackStore.getState().setRecorder(rec);
    return () => {
      const p = usePlaybackStore.getState();
      if (p.recorder === rec) p.setRecorder(null);
      void rec.close(p.element ? p.currentMs : 0);
    };
  }, [openedId]);

  if (caseId === null || videos.length === 0) {
    return (
      <main className="content">
        <EmptyState title="No video open">
          <p>Add an operating video (MP4, MOV, WebM or MKV) to a case in the Library, then come back here to mark the trainer's feedback on it.</p>
        </EmptyState>
      </main>
    );
  }
  return (
    <main className="video-page">
      <nav className="video-picker" aria-label="Videos of the case">
        <h3>Videos</h3>
        {videos.map((v) => (
          <button key={v.id} className={v.id === videoId ? 'selected' : ''} onClick={() => void useVideoStore.getState().open(v.id)} aria-current={v.id === videoId ? 'true' : undefined}>
            {v.name}
          </button>
        ))}
      </nav>
      <div className="video-main">
        <ErrorBanner message={error} onDismiss={() => useVideoStore.getState().clearError()} />
        <ErrorBanner message={analysisError} onDismiss={() => useVideoAnalysisStore.getState().clearError()} />
        {loading && <p className="muted">Opening the video…</p>}
        {opened && (
          <>
            <Toolbar />
            <div className="tabs" role="tablist">
              {TABS.map((t) => (
                <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'active' : ''} onClick={() => setTab(t.id)}>
                  {t.label}
                </button>
              ))}
            </div>
            {tab === 'annotate' && <Annotate />}
            {tab === 'agreement' && <AgreementPanel />}
            {tab === 'effectiveness' && <EffectivenessPanel />}
            {tab === 'export' && <ExportPanel />}
            {tab === 'labels' && <VocabularyPanel key={opened.video.projectId} />}
            {tab === 'keys' && (
              <table className="keys" aria-label="Video keys">
                <tbody>
                  {VIDEO_KEYS.map((k) => (
                    <tr key={k.keys}>
                      <td>
                        <kbd>{k.keys}</kbd>
                      </td>
                      <td>{k.does}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </div>
    </main>
  );
}
