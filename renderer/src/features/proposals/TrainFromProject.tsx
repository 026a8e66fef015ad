import { useEffect, useState } from 'react';
import type { CallOutput, Project } from '../../../../shared/contract';
import { api, errorMessage, newJobId } from '../../api/client';
import { useJobsStore } from '../../stores/useJobsStore';
import { useLibraryStore } from '../../stores/useLibraryStore';

type Trained = CallOutput<'models.trainRoi'>;
const fig = (v: number) => v.toFixed(2);

/** Retrains the region proposer on a project's recorded sessions, with progress, cancel and held-out figures. */
export function TrainFromProject({ onTrained }: { onTrained(): void }) {
  const current = useLibraryStore((s) => s.projectId);
  const [projects, setProjects] = useState<Project[]>([]);
  const [projectId, setProjectId] = useState<number | null>(current);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJobsStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const [result, setResult] = useState<Trained | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.call('projects.list', {}).then(
      (list) => {
        setProjects(list);
        setProjectId((id) => id ?? list[0]?.id ?? null);
      },
      (e) => setError(errorMessage(e)),
    );
  }, []);

  const train = async () => {
    if (projectId === null) return;
    const id = newJobId();
    useJobsStore.getState().start(id, 'Training the region proposer');
    setJobId(id);
    setError(null);
    setResult(null);
    try {
      setResult(await api.call('models.trainRoi', { projectId }, id));
      onTrained();
    } catch (e) {
      if ((e as { code?: string }).code !== 'CANCELLED') setError(errorMessage(e));
    } finally {
      useJobsStore.getState().finish(id);
      setJobId(null);
    }
  };

  return (
    <div className="train-roi" aria-label="Learn from a project">
      <h3>Learn from a project</h3>
      <p className="small muted">
        Fits the next version of the region proposer on what happened in the project: regions experts inspected or peeked at and proposals they accepted are positives;
        proposals they rejected, and tissue they saw at low power but never inspected, are negatives. Earlier versions stay selectable.
      </p>
      <div className="row">
        <select aria-label="Project to learn from" value={projectId ?? ''} onChange={(e) => setProjectId(Number(e.target.value))} disabled={jobId !== null}>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {jobId === null ? (
          <button onClick={() => void train()} disabled={projectId === null}>
            Train from sessions
          </button>
        ) : (
          <>
            <span className="small">{job?.label ?? 'Training'}…</span>
            <button onClick={() => void useJobsStore.getState().cancel(jobId)}>Cancel</button>
          </>
        )}
      </div>
      {error && (
        <p className="bad small" role="alert">
          {error}
        </p>
      )}
      {result && (
        <p className="ok small" role="status">
          Trained {result.model.name} {result.model.version} on {result.trainImages.length} slide{result.trainImages.length === 1 ? '' : 's'}.
          {result.heldOut
            ? ` Held out (${result.heldOut.images}): recall@${result.heldOut.atK} ${fig(result.heldOut.recall)}, precision ${fig(result.heldOut.precision)}` +
              (result.heldOutBefore ? ` (before: ${fig(result.heldOutBefore.recall)}, ${fig(result.heldOutBefore.precision)}).` : '.')
            : ' Too few slides to hold one out for precision/recall.'}
        </p>
      )}
    </div>
  );
}
