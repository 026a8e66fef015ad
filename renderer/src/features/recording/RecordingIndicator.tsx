import { useEffect, useState } from 'react';
import { useRecorderStore } from '../../stores/useRecorderStore';

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Always visible while a slide is open: recording or paused, for how long, and whether anything is unsaved. */
export function RecordingIndicator() {
  const { status, session, pending, error, pause, resume } = useRecorderStore();
  const [, tick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, []);
  if (status === 'off') return null;
  const elapsed = session ? Date.now() - session.startedAtMs : 0;
  return (
    <div className={`rec rec-${status}`} role="status" aria-label="Recording status" title={error ?? undefined}>
      <span className="rec-dot" />
      <span className="rec-label">
        {status === 'recording' && `Recording ${clock(elapsed)}`}
        {status === 'paused' && 'Paused'}
        {status === 'starting' && 'Starting…'}
        {status === 'error' && 'Not recording'}
      </span>
      {/* Events wait a quarter of a second for their batch as a rule; the count is news only while saving fails. */}
      {pending > 0 && error && status !== 'error' && <span className="muted small">{pending} unsaved</span>}
      {error && <span className="bad small">{error}</span>}
      {status === 'recording' && (
        <button className="link" onClick={pause} title="Pause recording" aria-label="Pause recording">
          Pause
        </button>
      )}
      {status === 'paused' && (
        <button className="link" onClick={resume} title="Resume recording" aria-label="Resume recording">
          Resume
        </button>
      )}
    </div>
  );
}
