import { magnificationOf, resolveBehaviorConfig } from '../../../shared/behavior';
import type { Box } from '../../../shared/models/boxes';
import { behaviourTrainingBoxes, type DecidedRegion, type LookedAt, type SeenView } from '../../../shared/models/behaviourBoxes';
import type { TrainingImage } from '../../../shared/models/trainRoiHead';
import type { ViewportEvent } from '../../../shared/navigation';
import { commandsOfSession } from '../behavior/sessionCommands';
import type { CallContext, CoreDeps } from '../context';
import { CoreError, notFound } from '../errors';
import { readEvents } from '../recording/readSession';
import { SESSION_SELECT, slideHeaderOf, type SessionRow } from '../recording/sessionRows';
import { slideEngineFor } from '../slides/slideEngineRegistry';
import { readLowMagView } from './slideAdapter';

/** Where each kind of training box of a project comes from, as named in the card's training.sources. */
export const PROJECT_SOURCES = { negatives: 'lowPowerViews', accepted: 'acceptedProposals', rejected: 'rejectedProposals' } as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Training images from a project's recorded behaviour and review decisions: every slide with a session or a decided
 * proposal, read at the model's magnification through its slide reader. The effective inspect and peek boxes of all
 * its sessions and its accepted proposals are positives; its rejected proposals are negatives, and the views seen at
 * low power are where further negatives come from.
 */
export async function trainingImagesFromProject(
  deps: Pick<CoreDeps, 'db' | 'dataDir'>,
  projectId: number,
  magnification: number,
  ctx: Pick<CallContext, 'signal' | 'progress'>,
): Promise<{ images: TrainingImage[]; data: string }> {
  const { db } = deps;
  const project = db.prepare('SELECT name FROM projects WHERE id = ?').get(projectId) as { name: string } | undefined;
  if (!project) throw notFound('Project', projectId);
  const slides = db
    .prepare(
      `SELECT s.id, s.name FROM slides s JOIN cases c ON c.id = s.case_id
       WHERE c.project_id = ? AND (EXISTS (SELECT 1 FROM sessions x WHERE x.slide_id = s.id AND x.deleted_at IS NULL)
         OR EXISTS (SELECT 1 FROM proposals p WHERE p.slide_id = s.id AND p.status <> 'proposed')) ORDER BY s.id`,
    )
    .all(projectId) as Array<{ id: number; name: string }>;
  if (slides.length === 0) {
    throw new CoreError('INVALID_INPUT', `Project "${project.name}" has no recorded sessions or decided proposals to learn from: record (or import) navigation on its slides, or accept and reject proposals, first.`);
  }
  const config = resolveBehaviorConfig();
  const decidedOn = db.prepare("SELECT x0, y0, x1, y1, status FROM proposals WHERE slide_id = ? AND status <> 'proposed' ORDER BY id");
  const images: TrainingImage[] = [];
  let sessionCount = 0;
  let acceptedCount = 0;
  let rejectedCount = 0;
  for (const [i, slide] of slides.entries()) {
    if (ctx.signal.aborted) throw new CoreError('CANCELLED', 'Training was cancelled.');
    ctx.progress(i, slides.length, `Reading slide ${i + 1} of ${slides.length}: ${slide.name}`);
    const sessions = db.prepare(`${SESSION_SELECT} AND s.slide_id = ? ORDER BY s.id`).all(slide.id) as SessionRow[];
    sessionCount += sessions.length;
    const looked: LookedAt[] = [];
    const seen: SeenView[] = [];
    for (const row of sessions) {
      for (const c of commandsOfSession(db, row, config).effective) looked.push({ kind: c.kind, box: c.box, deleted: c.deleted });
      const header = slideHeaderOf(row);
      for (const e of readEvents(db, row.id)) {
        if (e.type !== 'viewport') continue;
        const v = e as ViewportEvent;
        seen.push({ box: [v.x0, v.y0, v.x1, v.y1], magnification: magnificationOf(header, v.zoom, config) });
      }
    }
    let reader;
    try {
      reader = (await slideEngineFor(deps).byId(db, slide.id)).reader;
    } catch (e) {
      const err = e instanceof CoreError ? e : new CoreError('FILE_UNREADABLE', (e as Error).message);
      throw new CoreError(err.code, `Cannot learn from slide "${slide.name}": ${err.message}`, err.details);
    }
    const decided = (decidedOn.all(slide.id) as Array<{ x0: number; y0: number; x1: number; y1: number; status: DecidedRegion['status'] }>).map((r) => ({ box: [r.x0, r.y0, r.x1, r.y1] as Box, status: r.status }));
    const view = await readLowMagView(reader, magnification, ctx.signal);
    const boxes = behaviourTrainingBoxes(looked, seen, { width: reader.width, height: reader.height }, decided);
    acceptedCount += boxes.accepted.length;
    rejectedCount += boxes.rejected.length;
    images.push({
      id: `${slide.name} (slide ${slide.id})`,
      image: view.image,
      downsample: view.downsample,
      positives: [],
      looked: boxes.looked,
      negatives: boxes.negatives,
      accepted: boxes.accepted,
      rejected: boxes.rejected,
      sources: { looked: boxes.lookedKinds, ...PROJECT_SOURCES },
    });
  }
  if (images.every((im) => !im.looked?.length && !im.accepted?.length)) {
    throw new CoreError('INVALID_INPUT', `Project "${project.name}" has no inspect or peek commands and no accepted proposals to learn from (an expert has to dwell on regions, or accept proposals).`);
  }
  const decisions = acceptedCount + rejectedCount ? `, ${acceptedCount} accepted and ${rejectedCount} rejected proposal${rejectedCount === 1 ? '' : 's'}` : '';
  return { images, data: `behaviour in project "${project.name}": ${plural(sessionCount, 'session')} on ${plural(slides.length, 'slide')}${decisions}` };
}
