import { useEffect } from 'react';
import { REPLAY_SPEEDS, useReplayStore, viewAt } from '../../stores/useReplayStore';
import { useViewerStore } from '../../stores/useViewerStore';
import { applyView } from './applyView';

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Play/pause, speed, scrubber; drives the viewer along the recorded views. */
export function ReplayBar() {
  const { data, t, playing, speed, showTrajectory, showHeatmap, play, pause, seek, setSpeed, toggleTrajectory, toggleHeatmap, stop } = useReplayStore();
  const viewer = useViewerStore((s) => s.viewer);

  useEffect(() => {
    if (!playing || !data) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      const st = useReplayStore.getState();
      const next = st.t + (now - last) * st.speed;
      last = now;
      if (next >= data.durationMs) {
        st.seek(data.durationMs);
        st.pause();
        return;
      }
      st.seek(next);
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, data]);

  useEffect(() => {
    if (!data || !viewer) return;
    const v = viewAt(data.viewports, t);
    if (v) applyView(viewer, v);
  }, [data, viewer, t]);

  if (!data) return null;
  return (
    <div className="replay-bar" aria-label="Replay">
      <button onClick={playing ? pause : play} aria-label={playing ? 'Pause replay' : 'Play replay'}>
        {playing ? '❚❚' : '▶'}
      </button>
      <input
        type="range"
        min={0}
        max={Math.max(1, data.durationMs)}
        step={10}
        value={t}
        onChange={(e) => seek(Number(e.target.value))}
        aria-label="Replay position"
        className="scrubber"
      />
      <span className="mono small" data-testid="replay-clock">
        {clock(t)} / {clock(data.durationMs)}
      </span>
      <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label="Replay speed">
        {REPLAY_SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      <label className="small">
        <input type="checkbox" checked={showTrajectory} onChange={toggleTrajectory} /> trajectory
      </label>
      <label className="small">
        <input type="checkbox" checked={showHeatmap} onChange={toggleHeatmap} /> heatmap
      </label>
      <span className="muted small">
        {data.session.userName}, {new Date(data.session.startedAt).toLocaleString()}
      </span>
      <button onClick={stop}>Close replay</button>
    </div>
  );
}
