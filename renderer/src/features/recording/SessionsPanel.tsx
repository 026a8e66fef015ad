import { useEffect, useState } from 'react';
import type { RecordingSession } from '../../../../shared/contract';
import { serializeNavigationJsonl } from '../../../../shared/navigation';
import { api, errorMessage } from '../../api/client';
import { useRecorderStore } from '../../stores/useRecorderStore';
import { useReplayStore } from '../../stores/useReplayStore';
import { MetricsView } from './MetricsView';

function duration(s: RecordingSession): string {
  const sec = Math.round(s.lastT / 1000);
  return `${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, '0')}`;
}

async function download(sessionId: number): Promise<void> {
  const r = await api.call('recording.events', { sessionId });
  const blob = new Blob([serializeNavigationJsonl({ slide: r.slide, events: r.events })], { type: 'application/x-ndjson' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `session-${sessionId}.jsonl`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Sessions recorded on this slide: replay, metrics, export as JSON Lines. */
export function SessionsPanel({ slideId }: { slideId: number }) {
  const [sessions, setSessions] = useState<RecordingSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const endedCount = useRecorderStore((s) => s.endedCount);
  const current = useRecorderStore((s) => s.session);
  const load = useReplayStore((s) => s.load);
  const replaying = useReplayStore((s) => s.data?.session.id ?? null);

  useEffect(() => {
    api.call('recording.list', { slideId }).then(setSessions, (e) => setError(errorMessage(e)));
  }, [slideId, endedCount, current?.id]);

  if (error) return <p className="bad small">{error}</p>;
  if (!sessions) return <p className="muted small">Loading sessions…</p>;
  if (!sessions.length) return <p className="muted small">No sessions on this slide yet. Navigation is recorded while the slide is open.</p>;
  return (
    <ul className="sessions" aria-label="Sessions">
      {sessions.map((s) => (
        <li key={s.id} className={replaying === s.id ? 'selected' : ''}>
          <div className="session-head">
            <strong>{s.userName}</strong> <span className="muted small">{new Date(s.startedAt).toLocaleString()}</span>
          </div>
          <div className="small">
            {duration(s)} · {s.eventCount} events · <span className={`status-${s.status}`}>{s.id === current?.id ? 'recording now' : s.status}</span>
          </div>
          <div className="session-actions">
            <button className="link" onClick={() => void load(s.id)} disabled={s.id === current?.id}>
              Replay
            </button>
            <button className="link" onClick={() => setOpen(open === s.id ? null : s.id)}>
              {open === s.id ? 'Hide metrics' : 'Metrics'}
            </button>
            <button className="link" onClick={() => void download(s.id).catch((e) => setError(errorMessage(e)))}>
              Export JSONL
            </button>
          </div>
          {open === s.id && <MetricsView sessionId={s.id} />}
        </li>
      ))}
    </ul>
  );
}
