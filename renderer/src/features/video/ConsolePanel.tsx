import { useState } from 'react';
import { usePlaybackStore } from '../../stores/usePlaybackStore';
import { useProfileStore } from '../../stores/useProfileStore';
import { useVideoStore } from '../../stores/useVideoStore';
import { labelOf } from './labels';
import { formatClock } from './timelineModel';

/** Who is at the console: intervals marked from the playhead, drawn in the console lane of the timeline. */
export function ConsolePanel() {
  const opened = useVideoStore((s) => s.opened);
  const rows = useVideoStore((s) => s.console);
  const myId = useProfileStore((s) => s.current?.id ?? null);
  const speakers = opened?.vocabulary.speakers ?? [];
  const [speaker, setSpeaker] = useState(speakers.find((s) => s.role === 'trainee')?.key ?? speakers[0]?.key ?? '');
  const [from, setFrom] = useState<number | null>(null);
  if (!opened) return null;
  const now = () => Math.round(usePlaybackStore.getState().currentMs);
  return (
    <section className="console-panel" aria-label="Console">
      <h3>At the console</h3>
      <div className="console-add">
        <select value={speaker} onChange={(e) => setSpeaker(e.target.value)} aria-label="Who is at the console">
          {speakers.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
        {from === null ? (
          <button onClick={() => setFrom(now())}>From here</button>
        ) : (
          <>
            <span className="mono small">{formatClock(from)} →</span>
            <button
              onClick={() => {
                const to = now();
                if (to > from) void useVideoStore.getState().addConsole(from, to, speaker);
                else usePlaybackStore.getState().say('The console interval must end after it starts.');
                setFrom(null);
              }}
            >
              Until here
            </button>
            <button className="link" onClick={() => setFrom(null)}>
              Cancel
            </button>
          </>
        )}
      </div>
      <ul className="console-list">
        {rows.map((c) => (
          <li key={c.id}>
            <span className="mono small">
              {formatClock(c.startMs)}–{formatClock(c.endMs)}
            </span>{' '}
            {labelOf(speakers, c.speaker)}
            {c.annotatorId === myId && (
              <button className="link danger" onClick={() => void useVideoStore.getState().removeConsole(c.id)} aria-label="Remove console interval">
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
