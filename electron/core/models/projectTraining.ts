import { magnificationOf, resolveBehaviorConfig } from '../../../shared/behavior';
import { behaviourTrainingBoxes, type LookedAt, type SeenView } from '../../../shared/models/behaviourBoxes';
import type { TrainingImage } from '../../../shared/models/trainRoiHead';
import type { ViewportEvent } from '../../../shared/navigation';
import { commandsOfSession } from '../behavior/sessionCommands';
import type { CallContext, CoreDeps } from '../context';
import { CoreError, notFound } from '../errors';
import { readEvents } from '../recording/readSession';
import { SESSION_SELECT, slideHeaderOf, type SessionRow } from '../recording/sessionRows';
import { slideEngineFor } from '../slides/slideEngineRegistry';
import { readLowMagView } from './slideAdapter';

/**
 * Training images from a project's recorded behaviour: every slide with a session, read at the model's
 * magnification through its slide reader; the effective inspect and peek boxes of all its sessions are positives,
 * the views seen at low power are where negatives come from.
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
       WHERE c.project_id = ? AND EXISTS (SELECT 1 FROM sessions x WHERE x.slide_id = s.id AND x.deleted_at IS NULL) ORDER BY s.id`,
    )
    .all(projectId) as Array<{ id: number; name: string }>;
  if (slides.length === 0) throw new CoreError('INVALID_INPUT', `Project "${project.name}" has no recorded sessions to learn from: record (or import) navigation on its slides first.`);
  const config = resolveBehaviorConfig();
  const images: TrainingImage[] = [];
  let sessionCount = 0;
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
    const view = await readLowMagView(reader, magnification, ctx.signal);
    const { positives, negatives } = behaviourTrainingBoxes(looked, seen, { width: reader.width, height: reader.height });
    images.push({ id: `${slide.name} (slide ${slide.id})`, image: view.image, downsample: view.downsample, positives, negatives });
  }
  if (images.every((im) => im.positives.length === 0)) {
    throw new CoreError('INVALID_INPUT', `The sessions of project "${project.name}" have no inspect or peek commands to learn from (an expert has to dwell on regions).`);
  }
  return { images, data: `behaviour in project "${project.name}": ${sessionCount} session${sessionCount === 1 ? '' : 's'} on ${slides.length} slide${slides.length === 1 ? '' : 's'}` };
}
