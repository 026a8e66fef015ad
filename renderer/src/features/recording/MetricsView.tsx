import { useEffect, useState } from 'react';
import type { SessionMetrics } from '../../../../shared/contract';
import { api, errorMessage } from '../../api/client';
import { MagnificationPlot } from './MagnificationPlot';

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function MetricsView({ sessionId }: { sessionId: number }) {
  const [m, setM] = useState<SessionMetrics | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('recording.metrics', { sessionId }).then(setM, (e) => setError(errorMessage(e)));
  }, [sessionId]);
  if (error) return <p className="bad small">{error}</p>;
  if (!m) return <p className="muted small">Computing metrics…</p>;
  const bins = Object.entries(m.msPerBin).filter(([, v]) => v > 0);
  const maxBin = Math.max(1, ...bins.map(([, v]) => v));
  return (
    <div className="metrics" aria-label="Session metrics">
      <dl className="facts">
        <dt>Total / active</dt>
        <dd>
          {s(m.totalMs)} / {s(m.activeMs)}
        </dd>
        <dt>Mean magnification</dt>
        <dd>{m.magnificationMean.toFixed(1)}×</dd>
        <dt>Zoom mean ± sd</dt>
        <dd>
          {m.zoomMean.toPrecision(3)} ± {Math.sqrt(m.zoomVariance).toPrecision(3)}
        </dd>
        <dt>Fixations</dt>
        <dd>{m.fixations}</dd>
        <dt>Pan distance</dt>
        <dd>{m.panDistanceMm !== null ? `${m.panDistanceMm.toFixed(1)} mm` : `${Math.round(m.panDistancePx).toLocaleString()} px`}</dd>
        <dt>Zoom in / out</dt>
        <dd>
          {m.zoomIns} / {m.zoomOuts}
        </dd>
        <dt>Seen at ≥ 10×</dt>
        <dd>
          {(m.seenAt10xShare * 100).toFixed(1)} % of the {m.seenAt10xBasis}
        </dd>
      </dl>
      <h4>Time per magnification</h4>
      <div className="bars">
        {bins.map(([bin, ms]) => (
          <div className="bar-row" key={bin}>
            <span className="mono small">{bin}×</span>
            <div className="bar" style={{ width: `${(100 * ms) / maxBin}%` }} />
            <span className="small">{s(ms)}</span>
          </div>
        ))}
      </div>
      <h4>Magnification over time</h4>
      <MagnificationPlot series={m.magnificationSeries} />
    </div>
  );
}
