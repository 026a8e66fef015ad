import { useEffect } from 'react';
import { useJobsStore } from '../../stores/useJobsStore';
import { useProposalStore } from '../../stores/useProposalStore';
import type { ViewerPartProps } from '../slides/viewerExtensions';
import { ProposalRow } from './ProposalRow';

const versionKey = (v: { name: string; version: string }) => `${v.name}@${v.version}`;

/** The "Proposals" tab: run a region-proposal model on the slide, and accept or reject what it proposes. */
export function ProposalsPanel({ slideId }: ViewerPartProps) {
  const s = useProposalStore();
  const job = useJobsStore((j) => (s.jobId ? j.jobs[s.jobId] : undefined));
  useEffect(() => {
    const store = useProposalStore.getState();
    store.attach(slideId);
    void store.loadModels();
  }, [slideId]);

  const running = s.jobId !== null;
  const pctDone = job?.total ? Math.round((100 * job.done) / job.total) : null;
  const decided = s.proposals.filter((p) => p.status !== 'proposed').length;
  return (
    <div className="proposals-panel">
      <label className="proposal-field">
        Model
        <select aria-label="Model" value={s.modelId ?? ''} onChange={(e) => s.chooseModel(e.target.value)} disabled={running || s.models.length === 0}>
          {s.models.length === 0 && <option value="">No usable region-proposal model</option>}
          {s.models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} {m.version}
              {m.source === 'user' ? (m.training ? ' (trained here)' : ' (added)') : ''}
            </option>
          ))}
        </select>
      </label>
      {!running ? (
        <button className="primary" onClick={() => void s.propose()} disabled={s.models.length === 0}>
          Propose regions
        </button>
      ) : (
        <div className="proposal-progress" role="status" aria-label="Proposing regions">
          <span className="small">{job?.label ?? 'Proposing regions'}…</span>
          <progress max={100} value={pctDone ?? undefined} />
          <button onClick={() => void s.cancel()}>Cancel</button>
        </div>
      )}
      {s.error && (
        <p className="bad small" role="alert">
          {s.error}
        </p>
      )}

      {s.versions.length > 1 && (
        <label className="proposal-field">
          Showing
          <select
            aria-label="Proposals of"
            value={s.shown ? versionKey(s.shown) : ''}
            onChange={(e) => {
              const v = s.versions.find((x) => versionKey(x) === e.target.value);
              if (v) void s.showVersion(v);
            }}
          >
            {s.versions.map((v) => (
              <option key={versionKey(v)} value={versionKey(v)}>
                {v.name} {v.version} ({v.count})
              </option>
            ))}
          </select>
        </label>
      )}

      {s.proposals.length === 0 ? (
        <p className="muted small">{running ? 'Reading the slide at low magnification…' : 'No proposals on this slide yet. "Propose regions" runs the model on the whole slide at low magnification.'}</p>
      ) : (
        <>
          <div className="proposal-head">
            <span className="small muted">
              {s.shown ? `${s.shown.name} ${s.shown.version}: ` : ''}
              {s.proposals.length} proposed · {decided} decided
            </span>
            <label className="small">
              Order{' '}
              <select aria-label="Order" value={s.order} onChange={(e) => void s.setOrder(e.target.value as 'score' | 'uncertainty')}>
                <option value="score">by score</option>
                <option value="uncertainty">by uncertainty</option>
              </select>
            </label>
          </div>
          <ol className="proposal-list" aria-label="Proposals">
            {s.proposals.map((p, i) => (
              <ProposalRow key={p.id} p={p} rank={i + 1} />
            ))}
          </ol>
          <p className="small muted">Accepted proposals go to the review queue; rejected ones are kept as training data. G shows or hides the boxes.</p>
        </>
      )}
    </div>
  );
}
