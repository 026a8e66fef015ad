import { useJobsStore } from '../stores/useJobsStore';

/** Every long call in flight, with its progress and a cancel button. */
export function JobsTray() {
  const jobs = useJobsStore((s) => s.jobs);
  const cancel = useJobsStore((s) => s.cancel);
  const list = Object.values(jobs);
  if (list.length === 0) return null;
  return (
    <div className="jobs-tray" aria-label="Running tasks">
      {list.map((j) => {
        const pct = j.total ? Math.round((100 * j.done) / j.total) : null;
        return (
          <div className="job" key={j.jobId}>
            <span className="job-label">{j.label}</span>
            <progress max={100} value={pct ?? undefined} aria-label={j.label} />
            <span className="job-pct">{pct === null ? '…' : `${pct}%`}</span>
            <button className="link" onClick={() => void cancel(j.jobId)}>
              Cancel
            </button>
          </div>
        );
      })}
    </div>
  );
}
