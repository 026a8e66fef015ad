import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { EffectivenessRun } from '../../../shared/contract';
import { crossValidate } from '../../../shared/feedback/crossValidation';
import { DEFAULT_EFFECTIVENESS_FEATURES, effectivenessFeatures, featureDimensions } from '../../../shared/feedback/effectivenessFeatures';
import { decide, trainLogistic } from '../../../shared/feedback/logistic';
import { isEffective } from '../../../shared/feedback/schema';
import { appendAudit } from '../audit/audit';
import type { CallContext } from '../context';
import { CoreError, notFound } from '../errors';
import { writeEffectivenessModel } from '../video/effectivenessModel';
import { motionAroundInstance } from '../video/motion';
import { cancelled } from '../video/runFfmpeg';
import { INSTANCE_SELECT, toInstance, videoContext, type InstanceRow } from './instanceRows';
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

function toRun(r: RunRow): EffectivenessRun {
  return { ...(JSON.parse(r.result) as Omit<EffectivenessRun, 'id' | 'projectId' | 'trainedAt' | 'trainedBy' | 'modelDir'>), id: r.id, projectId: r.project_id, trainedAt: r.trained_at, trainedBy: r.trained_by_name, modelDir: r.model_dir };
}

export function latestRun(db: Database, projectId: number): EffectivenessRun | null {
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw notFound('Project', projectId);
  const r = db
    .prepare('SELECT e.*, u.name AS trained_by_name FROM effectiveness_runs e LEFT JOIN users u ON u.id = e.trained_by WHERE e.project_id = ? ORDER BY e.id DESC LIMIT 1')
    .get(projectId) as RunRow | undefined;
  return r ? toRun(r) : null;
}

const nullIfNaN = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * Trains on every accepted instance of the project: effective = the trainee response the vocabulary names as the
 * target. Stratified k-fold cross-validation gives the AUROC (mean ± sd) and an out-of-fold prediction for each
 * instance; the model trained on all of them is written as ONNX with its card.
 */
export async function trainEffectiveness(db: Database, dataDir: string, ctx: CallContext, o: { projectId: number; k: number; useMotion: boolean }): Promise<EffectivenessRun> {
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(o.projectId)) throw notFound('Project', o.projectId);
  const { vocabulary } = projectVocabulary(db, o.projectId);
  const instances = (
    db
      .prepare(`${INSTANCE_SELECT} JOIN videos v ON v.id = f.video_id JOIN cases c ON c.id = v.case_id WHERE c.project_id = ? AND f.status = 'accepted' ORDER BY f.id`)
      .all(o.projectId) as InstanceRow[]
  ).map(toInstance);
  const y = instances.map((i) => (isEffective(i, vocabulary) ? 1 : 0));
  const pos = y.filter((v) => v === 1).length;
  const neg = y.length - pos;
  const target = vocabulary.traineeResponses.find((r) => r.key === vocabulary.effectiveResponse)?.label ?? vocabulary.effectiveResponse;
  if (pos < 2 || neg < 2) {
    throw new CoreError(
      'INVALID_INPUT',
      `Training needs at least 2 instances with "${target}" and 2 without, over the project's accepted instances (now ${pos} with and ${neg} without). Label the trainee responses of more instances first.`,
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
    examples: y.length,
    positives: pos,
    target,
    usedMotion: o.useMotion,
    k: cv.k,
    aurocMean: nullIfNaN(cv.mean),
    aurocSd: nullIfNaN(cv.sd),
    pooled: nullIfNaN(cv.pooled),
    folds: cv.folds.map((f) => ({ auroc: nullIfNaN(f.auroc), n: f.n, positives: f.positives })),
    abstainMargin: ABSTAIN_MARGIN,
    predictions: instances.map((inst, i) => {
      const d = decide(cv.outOfFold[i], ABSTAIN_MARGIN);
      return { instanceId: inst.id, p: Math.round(d.p * 1e4) / 1e4, label: d.label, confidence: Math.round(d.confidence * 1e4) / 1e4, actual: y[i] as 0 | 1 };
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
      after: { projectId: o.projectId, examples: result.examples, positives: pos, k: cv.k, aurocMean: result.aurocMean, aurocSd: result.aurocSd, modelDir },
    });
  })();
  return latestRun(db, o.projectId) as EffectivenessRun;
}
