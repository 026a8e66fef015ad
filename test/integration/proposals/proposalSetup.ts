import type { Box } from '../../../shared/models/boxes';
import { serializeNavigationJsonl, viewportEvent, type NavigationEvent } from '../../../shared/navigation';
import type { Core } from '../../../electron/core/createCore';
import type { LesionSlide } from '../../fixtures/lesions/lesionSlide';
import { call } from '../../support/tempCore';

/** A profile, a project with one case, and these slides in it. */
export async function projectWithSlides(core: Core, slides: readonly LesionSlide[], name = 'Study'): Promise<{ userId: number; projectId: number; caseId: number; slideIds: number[] }> {
  const existing = await call<Array<{ id: number; name: string }>>(core, 'profiles.list', {});
  const userId = existing.find((p) => p.name === 'Dr. Ada Rivera')?.id ?? (await call<{ id: number }>(core, 'profiles.create', { name: 'Dr. Ada Rivera', role: 'pathologist' })).id;
  const projectId = (await call<{ id: number }>(core, 'projects.create', { name }, userId)).id;
  const caseId = (await call<{ id: number }>(core, 'cases.create', { projectId, name: 'Case 001' }, userId)).id;
  const slideIds: number[] = [];
  for (const s of slides) slideIds.push((await call<{ id: number }>(core, 'files.add', { caseId, path: s.path }, userId)).id);
  return { userId, projectId, caseId, slideIds };
}

const CW = 800;
const CH = 800;

/**
 * An expert's session on a lesion slide (2 µm/px, 5×) as JSON Lines: the whole slide at 1.25× for 3 s, then a dwell
 * of 2 s on each of `looks` (boxes in level-0 pixels), framed to fill the view.
 */
export function expertSessionJsonl(slide: LesionSlide, looks: readonly Box[]): string {
  const mag = (zoom: number) => 5 * zoom;
  const events: NavigationEvent[] = [];
  let t = 0;
  events.push(viewportEvent({ t, cx: slide.width / 2, cy: slide.height / 2, zoom: 1.25 / 5, cw: CW, ch: CH }));
  t += 3000;
  for (const b of looks) {
    const side = Math.max(b[2] - b[0], b[3] - b[1]);
    const zoom = CW / side;
    if (mag(zoom) <= 3.5) throw new Error('the look would be at low power');
    events.push(viewportEvent({ t, cx: (b[0] + b[2]) / 2, cy: (b[1] + b[3]) / 2, zoom, cw: CW, ch: CH }));
    t += 2000;
    events.push({ type: 'cursor', t, x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2 });
  }
  events.push(viewportEvent({ t, cx: slide.width / 2, cy: slide.height / 2, zoom: 1.25 / 5, cw: CW, ch: CH }));
  t += 1000;
  events.push({ type: 'end', t });
  return serializeNavigationJsonl({ slide: { type: 'slide', id: slide.path, width: slide.width, height: slide.height, mpp: 2 }, events });
}
