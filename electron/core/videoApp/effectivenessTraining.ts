import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { CallOutput, EffectivenessPrediction, EffectivenessRun, VideoInstance } from '../../../shared/contract';
import { crossValidate } from '../../../shared/feedback/crossValidation';
import { DEFAULT_EFFECTIVENESS_FEATURES, denseRow, effectivenessFeatures, featureDimensions } from '../../../shared/feedback/effectivenessFeatures';
import { decide, trainLogistic } from '../../../shared/feedback/logistic';
import { isEffective } from '../../../shared/feedback/schema';
import { appendAudit } from '../audit/audit';
import type { CallContext } from '../context';
import { CoreError, notFound } from '../errors';
import { checkModel } from '../models/modelCheck';
import { sharedRuntime } from '../models/runtime';
import { writeEffectivenessModel, type EffectivenessDetails } from '../video/effectivenessModel';
import { motionAroundInstance } from '../video/motion';
import { cancelled } from '../video/runFfmpeg';
import { INSTANCE_SELECT, toInstance, videoContext, type InstanceRow } from './instanceRows';
import { listInstances } from './instancesHandlers';
import { probeVideo } from './openVideo';
import { projectVocabulary } from './vocabulary';

const ABSTAIN_MARGIN = 0.15;
const SEED = 1;

interface MotionRow {
  start_ms: number;
  end_ms: number;
  before: number;
  after: number;
}

/** Motion energy before and after an instance, from the cache when the span is unchanged, else measured with ffmpeg. */
async function motionOf(db: Database, ctx: CallContext, inst: { id: number; videoId: number; startMs: number; endMs: number }): Promise<{ delta: number; logRatio: number } | null> {
  const hit = db.prepare('SELECT start_ms, end_ms, before, after FROM feedback_motion WHERE instance_id = ?').get(inst.id) as MotionRow | undefined;
  const fromPair = (before: number, after: number) => ({ delta: after - before, logRatio: Math.log((after + 1e-3) / (before + 1e-3)) });
  if (hit && hit.start_ms === inst.startMs && hit.end_ms === inst.endMs) return fromPair(hit.before, hit.after);
  const v = videoContext(db, inst.videoId);
  const info = await probeVideo(v, ctx.signal);
  if (!info.hasVideo) return null;
  const m = await motionAroundInstance(v.path, inst.startMs, inst.endMs, { info, signal: ctx.signal });
  db.prepare('INSERT OR REPLACE INTO feedback_motion (instance_id, start_ms, end_ms, before, after) VALUES (?, ?, ?, ?, ?)').run(inst.id, inst.startMs, inst.endMs, m.before, m.after);
  return fromPair(m.before, m.after);
}

interface RunRow {
  id: number;
  project_id: number;
  trained_at: string;
  trained_by_name: string | null;
  model_dir: string;
  result: string;
}

type StoredResult = Omit<EffectivenessRun, 'id' | 'projectId' | 'trainedAt' | 'trainedBy' | 'modelDir' | 'dataAsOf' | 'unlabelled'> & { dataAsOf?: string; unlabelled?: number };

function toRun(r: RunRow): EffectivenessRun {
  const result = JSON.parse(r.result) as StoredResult;
  return {
    ...result,
    // Runs stored before predictions had a source were all cross-validation runs over the instances as trained.
    dataAsOf: result.dataAsOf ?? r.trained_at,
    unlabelled: result.unlabelled ?? 0,
    predictions: result.predictions.map((p) => ({ ...p, source: 'out-of-fold' as const })),
    id: r.id,
    projectId: r.project_id,
    trainedAt: r.trained_at,
    trainedBy: r.trained_by_name,
    modelDir: r.model_dir,
  };
}

export function latestRun(db: Database, projectId: number): EffectivenessRun | null {
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw notFound('Project', projectId);
  const r = db
    .prepare('SELECT e.*, u.name AS trained_by_name FROM effectiveness_runs e LEFT JOIN users u ON u.id = e.trained_by WHERE e.project_id = ? ORDER BY e.id DESC LIMIT 1')
    .get(projectId) as RunRow | undefined;
  return r ? toRun(r) : null;
}

const nullIfNaN = (x: number) => (Number.isFinite(x) ? x : null);
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Trains on the accepted instances of the project whose trainee response is labelled: effective = the response the
 * vocabulary names as the target. Instances not labelled yet are left out (they are the ones to predict for).
 * Stratified k-fold cross-validation gives the AUROC (mean ± sd) and an out-of-fold prediction for each training
 * instance; the model trained on all of them is written as ONNX with its card.
 */
export async function trainEffectiveness(db: Database, dataDir: string, ctx: CallContext, o: { projectId: number; k: number; useMotion: boolean }): Promise<EffectivenessRun> {
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(o.projectId)) throw notFound('Project', o.projectId);
  const { vocabulary } = projectVocabulary(db, o.projectId);
  const dataAsOf = new Date().toISOString();
  const accepted = (
    db
      .prepare(`${INSTANCE_SELECT} JOIN videos v ON v.id = f.video_id JOIN cases c ON c.id = v.case_id WHERE c.project_id = ? AND f.status = 'accepted' ORDER BY f.id`)
      .all(o.projectId) as InstanceRow[]
  ).map(toInstance);
  const instances: VideoInstance[] = [];
  const y: number[] = [];
  for (const i of accepted) {
    const e = isEffective(i, vocabulary);
    if (e === null) continue;
    instances.push(i);
    y.push(e ? 1 : 0);
  }
  const unlabelled = accepted.length - instances.length;
  const pos = y.filter((v) => v === 1).length;
  const neg = y.length - pos;
  const target = vocabulary.traineeResponses.find((r) => r.key === vocabulary.effectiveResponse)?.label ?? vocabulary.effectiveResponse;
  if (pos < 2 || neg < 2) {
    throw new CoreError(
      'INVALID_INPUT',
      `Training needs at least 2 instances with "${target}" and 2 without, over the project's accepted instances with a labelled trainee response (now ${pos} with and ${neg} without${unlabelled ? `; ${unlabelled} not labelled yet` : ''}). Label the trainee responses of more instances first ("No response" counts as without).`,
    );
  }
  const motions: ({ delta: number; logRatio: number } | null)[] = [];
  for (let i = 0; i < instances.length; i++) {
    if (ctx.signal.aborted) throw cancelled();
    if (o.useMotion) ctx.progress(i, instances.length, `Measuring motion around instance ${i + 1} of ${instances.length}`);
    motions.push(o.useMotion ? await motionOf(db, ctx, instances[i]) : null);
  }
  ctx.progress(instances.length, instances.length, 'Training');
  const spec = DEFAULT_EFFECTIVENESS_FEATURES;
  const dims = featureDimensions(spec);
  const x = instances.map((inst, i) => effectivenessFeatures({ transcript: inst.transcript, motion: motions[i] }, spec));
  const cv = crossValidate(x, y, dims, { k: o.k, seed: SEED, foldSeed: SEED });
  const model = trainLogistic(x, y, dims, { seed: SEED });
  const trainedAt = new Date().toISOString();
  const modelDir = join(dataDir, 'effectiveness', `project-${o.projectId}`, trainedAt.replace(/[:.]/g, '-'));
  writeEffectivenessModel(modelDir, { model, features: spec, labels: y, cv, target: vocabulary.effectiveResponse, abstainMargin: ABSTAIN_MARGIN });
  const result = {
    dataAsOf,
    examples: y.length,
    positives: pos,
    unlabelled,
    target,
    usedMotion: o.useMotion,
    k: cv.k,
    aurocMean: nullIfNaN(cv.mean),
    aurocSd: nullIfNaN(cv.sd),
    pooled: nullIfNaN(cv.pooled),
    folds: cv.folds.map((f) => ({ auroc: nullIfNaN(f.auroc), n: f.n, positives: f.positives })),
    abstainMargin: ABSTAIN_MARGIN,
    predictions: instances.map((inst, i): EffectivenessPrediction => {
      const d = decide(cv.outOfFold[i], ABSTAIN_MARGIN);
      return { instanceId: inst.id, p: round4(d.p), source: 'out-of-fold', label: d.label, confidence: round4(d.confidence), actual: y[i] as 0 | 1 };
    }),
  };
  db.transaction(() => {
    const runId = Number(
      db
        .prepare('INSERT INTO effectiveness_runs (project_id, trained_by, trained_at, model_dir, result) VALUES (?, ?, ?, ?, ?)')
        .run(o.projectId, ctx.actorId, trainedAt, modelDir, JSON.stringify(result)).lastInsertRowid,
    );
    appendAudit(db, {
      actorId: ctx.actorId,
      action: 'train',
      entity: 'effectiveness_run',
      entityId: runId,
      after: { projectId: o.projectId, examples: result.examples, positives: pos, unlabelled, k: cv.k, aurocMean: result.aurocMean, aurocSd: result.aurocSd, modelDir },
    });
  })();
  return latestRun(db, o.projectId) as EffectivenessRun;
}

const PREDICT_BATCH = 256;

/**
 * Predictions for the accepted instances of a video from the project's latest training. A training instance that
 * has not changed since keeps its out-of-fold prediction; every other one (not labelled, new, or changed after the
 * training data was taken) is featurised with the run's recipe and scored by the exported ONNX model, checked
 * against its card, in the core's model runtime (a worker thread).
 */
export async function predictEffectiveness(db: Database, ctx: CallContext, videoId: number): Promise<CallOutput<'video.predictEffectiveness'>> {
  const v = videoContext(db, videoId);
  const run = latestRun(db, v.projectId);
  if (!run) return null;
  const runtime = sharedRuntime();
  const checked = await checkModel(join(run.modelDir, 'card.json'), runtime);
  let details: EffectivenessDetails;
  try {
    details = JSON.parse(readFileSync(join(run.modelDir, 'effectiveness.json'), 'utf8')) as EffectivenessDetails;
  } catch (e) {
    throw new CoreError('CORRUPT_FILE', `The effectiveness model in ${run.modelDir} has no readable effectiveness.json (${(e as Error).message}); train again.`);
  }
  const dims = featureDimensions(details.features);
  if (checked.card.inputs[0]?.shape[1] !== dims) {
    throw new CoreError('CORRUPT_FILE', `The effectiveness model in ${run.modelDir} takes ${String(checked.card.inputs[0]?.shape[1])} features but its recipe gives ${dims}; train again.`);
  }
  const { vocabulary } = projectVocabulary(db, v.projectId);
  const outOfFold = new Map(run.predictions.map((p) => [p.instanceId, p]));
  const predictions: EffectivenessPrediction[] = [];
  const pending: VideoInstance[] = [];
  for (const i of listInstances(db, videoId, { acceptedOnly: true })) {
    const p = outOfFold.get(i.id);
    if (p && i.updatedAt <= run.dataAsOf) predictions.push(p);
    else pending.push(i);
  }
  for (let at = 0; at < pending.length; at += PREDICT_BATCH) {
    const chunk = pending.slice(at, at + PREDICT_BATCH);
    const batch = new Float32Array(chunk.length * dims);
    for (let k = 0; k < chunk.length; k++) {
      if (ctx.signal.aborted) throw cancelled();
      const motion = run.usedMotion ? await motionOf(db, ctx, chunk[k]) : null;
      batch.set(denseRow(effectivenessFeatures({ transcript: chunk[k].transcript, motion }, details.features), dims), k * dims);
    }
    const out = await runtime.run({ path: checked.modelPath, key: checked.card.sha256 }, { features: { type: 'float32', dims: [chunk.length, dims], data: batch } }, ctx.signal);
    const p = out.p.data as Float32Array;
    chunk.forEach((inst, k) => {
      const d = decide(p[k], details.abstainMargin);
      const actual = isEffective(inst, vocabulary);
      predictions.push({ instanceId: inst.id, p: round4(d.p), source: 'model', label: d.label, confidence: round4(d.confidence), actual: actual === null ? null : actual ? 1 : 0 });
    });
  }
  return {
    runId: run.id,
    trainedAt: run.trainedAt,
    model: { name: checked.card.name, version: checked.card.version, sha256: checked.card.sha256 },
    abstainMargin: details.abstainMargin,
    predictions,
  };
}
