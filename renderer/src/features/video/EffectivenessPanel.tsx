import { useEffect, useState } from 'react';
import { useVideoAnalysisStore } from '../../stores/useVideoAnalysisStore';
import { useVideoStore } from '../../stores/useVideoStore';

const f = (x: number | null, d = 3) => (x === null ? '—' : x.toFixed(d));

/** Train the project's effectiveness model and see its cross-validated AUROC; predictions appear in the instance list. */
export function EffectivenessPanel() {
  const projectId = useVideoStore((s) => s.opened?.video.projectId ?? null);
  const videoId = useVideoStore((s) => s.videoId);
  const { run, busy, train, loadRun, predictions } = useVideoAnalysisStore();
  const [k, setK] = useState(5);
  const [useMotion, setUseMotion] = useState(true);
  useEffect(() => {
    if (projectId !== null) void loadRun(projectId);
  }, [projectId, loadRun]);
  if (projectId === null) return null;
  return (
    <div className="effectiveness">
      <p className="muted">
        Does the trainee adjust their behaviour after the feedback? A logistic regression learns it from this project's accepted instances whose trainee response is labelled
        ("No response" counts as not effective): the transcript's words (hashed word n-grams) and the change in video motion before vs after each instance. Training instances
        are shown with their cross-validation prediction (from a model that never saw them); instances not labelled yet, added or changed since are scored by the trained model
        (ONNX, on this computer). The instance list shows them; the model abstains ("unclear") within 0.15 of 0.5.
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
        <button className="primary" disabled={busy === 'training'} onClick={() => void train(projectId, k, useMotion, videoId ?? undefined)}>
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
          <dd data-testid="examples">
            {run.examples} instances, {run.positives} with "{run.target}"{run.usedMotion ? ', with motion' : ', transcript only'}
            {run.unlabelled ? `; ${run.unlabelled} without a labelled trainee response left out (predicted instead)` : ''}
          </dd>
          <dt>Abstains on</dt>
          <dd>
            {run.predictions.filter((p) => p.label === null).length} of {run.predictions.length}
          </dd>
          <dt>Model</dt>
          <dd className="mono small">{run.modelDir}</dd>
          {predictions && predictions.runId === run.id && (
            <>
              <dt>This video</dt>
              <dd data-testid="video-predictions">
                {[...predictions.byInstance.values()].filter((p) => p.source === 'model').length} instance(s) scored by {predictions.model.name} {predictions.model.version}, {' '}
                {[...predictions.byInstance.values()].filter((p) => p.source === 'out-of-fold').length} with their cross-validation prediction
              </dd>
            </>
          )}
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
