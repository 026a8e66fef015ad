import { useEffect, useState } from 'react';
import type { VideoAgreement } from '../../../../shared/contract';
import { useVideoAnalysisStore } from '../../stores/useVideoAnalysisStore';
import { useVideoStore } from '../../stores/useVideoStore';

const f = (x: number | null, d = 2) => (x === null ? '—' : x.toFixed(d));

/** Kappa and PABAK per label as bars on a −1…1 axis. */
export function AgreementChart({ report }: { report: VideoAgreement }) {
  const rows = report.labels;
  const rowH = 22;
  const labelW = 170;
  const plotW = 320;
  const x = (v: number) => labelW + ((v + 1) / 2) * plotW;
  const h = rows.length * rowH + 30;
  return (
    <svg className="agreement-chart" width={labelW + plotW + 20} height={h} role="img" aria-label="Kappa and PABAK per label">
      {[-1, -0.5, 0, 0.5, 1].map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={0} y2={h - 18} className={t === 0 ? 'axis zero' : 'axis'} />
          <text x={x(t)} y={h - 4} textAnchor="middle" className="tick">
            {t}
          </text>
        </g>
      ))}
      {rows.map((l, i) => {
        const y = i * rowH + 2;
        const bar = (v: number | null, dy: number, cls: string) =>
          v === null ? null : <rect x={Math.min(x(0), x(v))} y={y + dy} width={Math.abs(x(v) - x(0))} height={8} className={cls} />;
        return (
          <g key={`${l.family}.${l.key}`}>
            <text x={labelW - 6} y={y + 12} textAnchor="end" className="label">
              {l.label}
            </text>
            {bar(l.kappa, 1, 'kappa')}
            {bar(l.pabak, 10, 'pabak')}
          </g>
        );
      })}
    </svg>
  );
}

/** Two annotators on this video: pick them, see the agreement. */
export function AgreementPanel() {
  const videoId = useVideoStore((s) => s.videoId);
  const annotators = useVideoStore((s) => s.annotators);
  const { agreement, busy, loadAgreement } = useVideoAnalysisStore();
  const [a, setA] = useState<number | null>(null);
  const [b, setB] = useState<number | null>(null);

  useEffect(() => {
    if (annotators.length >= 2) {
      setA((x) => x ?? annotators[0].id);
      setB((x) => x ?? annotators[1].id);
    }
  }, [annotators]);

  if (videoId === null) return null;
  if (annotators.length < 2) {
    return (
      <div className="empty-state">
        <h3>One annotator so far</h3>
        <p>Agreement compares two annotators' instances on this video. Ask a second annotator to mark it with their own profile.</p>
      </div>
    );
  }
  const pick = (value: number | null, set: (n: number) => void, label: string) => (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => set(Number(e.target.value))}>
        {annotators.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name} ({x.instances})
          </option>
        ))}
      </select>
    </label>
  );
  const t = agreement?.temporal;
  return (
    <div className="agreement">
      <div className="agreement-pick">
        {pick(a, setA, 'Annotator A')}
        {pick(b, setB, 'Annotator B')}
        <button className="primary" disabled={a === null || b === null || a === b || busy === 'agreement'} onClick={() => a !== null && b !== null && void loadAgreement(videoId, a, b)}>
          Compare
        </button>
      </div>
      {agreement && t && (
        <>
          <dl className="facts">
            <dt>Instances</dt>
            <dd>
              {agreement.annotatorA.name}: {t.countA}, {agreement.annotatorB.name}: {t.countB}; matched {t.matched} (IoU ≥ {agreement.minIoU})
            </dd>
            <dt>Temporal overlap</dt>
            <dd>
              mean IoU {f(t.meanIoU)}, F1 {f(t.f1)}, time IoU {f(t.timeIoU)}
            </dd>
            <dt>Trainer reaction</dt>
            <dd>
              kappa {f(agreement.trainerReaction.kappa)}, PABAK {f(agreement.trainerReaction.pabak)}
            </dd>
          </dl>
          <div className="agreement-body">
            <table aria-label="Agreement per label">
              <thead>
                <tr>
                  <th>Label</th>
                  <th className="num">kappa</th>
                  <th className="num">PABAK</th>
                  <th className="num">agree</th>
                  <th className="num">both / A / B / neither</th>
                </tr>
              </thead>
              <tbody>
                {agreement.labels.map((l) => (
                  <tr key={`${l.family}.${l.key}`}>
                    <td>{l.label}</td>
                    <td className="num">{f(l.kappa)}</td>
                    <td className="num">{f(l.pabak)}</td>
                    <td className="num">{f(l.po)}</td>
                    <td className="num mono">
                      {l.both} / {l.onlyA} / {l.onlyB} / {l.neither}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <figure>
              <AgreementChart report={agreement} />
              <figcaption className="small muted">
                <span className="swatch kappa" /> Cohen's kappa <span className="swatch pabak" /> PABAK (— : undefined, both annotators gave one answer throughout)
              </figcaption>
            </figure>
          </div>
        </>
      )}
    </div>
  );
}
