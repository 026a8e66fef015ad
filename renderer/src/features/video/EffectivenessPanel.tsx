import { useEffect, useState } from 'react';
import { useVideoAnalysisStore } from '../../stores/useVideoAnalysisStore';
import { useVideoStore } from '../../stores/useVideoStore';

const f = (x: number | null, d = 3) => (x === null ? '—' : x.toFixed(d));

/** Train the project's effectiveness model and see its cross-validated AUROC; predictions appear in the instance list. */
export function EffectivenessPanel() {
  const projectId = useVideoStore((s) => s.opened?.video.projectId ?? null);
  const { run, busy, train, loadRun } = useVideoAnalysisStore();
  const [k, setK] = useState(5);
  const [useMotion, setUseMotion] = useState(true);
  useEffect(() => {
    if (projectId !== null) void loadRun(projectId);
  }, [projectId, loadRun]);
  if (projectId === null) return null;
  return (
    <div className="effectiveness">
      <p className="muted">
        Does the trainee adjust their behaviour after the feedback? A logistic regression learns it from this project's accepted instances: the transcript's words (hashed
        word n-grams) and the change in video motion before vs after each instance. Predictions come from cross-validation (each instance is predicted by a model that never saw it)
        and are shown in the instance list; the model abstains ("unclear") within 0.15 of 0.5.
      </p>
      <div className="effectiveness-form">
        <label>
          Folds
          <select value={k} onChange={(e) => setK(Number(e.target.value))}>
            {[3, 5, 10].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={useMotion} onChange={(e) => setUseMotion(e.target.checked)} /> Measure motion around each instance (ffmpeg; slower the first time)
        </label>
        <button className="primary" disabled={busy === 'training'} onClick={() => void train(projectId, k, useMotion)}>
          {busy === 'training' ? 'Training…' : 'Train and cross-validate'}
        </button>
      </div>
      {run && (
        <dl className="facts" aria-label="Effectiveness model">
          <dt>AUROC</dt>
          <dd data-testid="auroc">
            <strong>
              {f(run.aurocMean)} ± {f(run.aurocSd)}
            </strong>{' '}
            ({run.k}-fold, pooled {f(run.pooled)}; the literature reports 0.70 ± 0.02 with far larger encoders)
          </dd>
          <dt>Folds</dt>
          <dd className="mono">{run.folds.map((x) => f(x.auroc, 2)).join('  ')}</dd>
          <dt>Examples</dt>
          <dd>
            {run.examples} instances, {run.positives} with "{run.target}"{run.usedMotion ? ', with motion' : ', transcript only'}
          </dd>
          <dt>Abstains on</dt>
          <dd>
            {run.predictions.filter((p) => p.label === null).length} of {run.predictions.length}
          </dd>
          <dt>Model</dt>
          <dd className="mono small">{run.modelDir}</dd>
          <dt>Trained</dt>
          <dd>
            {new Date(run.trainedAt).toLocaleString()}
            {run.trainedBy ? ` by ${run.trainedBy}` : ''}
          </dd>
        </dl>
      )}
    </div>
  );
}
