import { useState } from 'react';
import { idleTimeoutMs, recordingEnabled, setRecordingEnabled } from '../../stores/useRecorderStore';

/** Whether navigation is recorded while a slide is open, and after how long without input it counts as idle. */
export function RecordingSettings() {
  const [on, setOn] = useState(recordingEnabled());
  const [idleS, setIdleS] = useState(Math.round(idleTimeoutMs() / 1000));
  return (
    <section className="card" aria-label="Recording settings">
      <h2>Recording</h2>
      <label className="row">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => {
            setRecordingEnabled(e.target.checked);
            setOn(e.target.checked);
          }}
        />{' '}
        Record where I look while a slide is open
      </label>
      <label>
        Idle after (seconds without mouse or keyboard input)
        <input
          type="number"
          min={5}
          max={3600}
          value={idleS}
          onChange={(e) => {
            const v = Math.max(5, Math.min(3600, Number(e.target.value) || 60));
            setIdleS(v);
            localStorage.setItem('sightline.idleMs', String(v * 1000));
          }}
        />
      </label>
      <p className="muted small">Takes effect the next time a slide opens. Idle, blurred and hidden time is never counted as looking.</p>
    </section>
  );
}
