// A data dir with a profile, a project, and cases whose slides carry an imported navigation session: an inspect at
// 10× with a 40× peek inside it, and a second inspect at 10×. Slide files are copied under names that identify a
// patient, so an export can be checked for them.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeNavigationJsonl, viewportEvent, type NavigationEvent } from '../../../shared/navigation';
import type { Core } from '../../../electron/core/createCore';
import { slideFixture, type SlideFixtureName } from '../../fixtures/slides/generate';
import { call, tempCore, tempDir } from '../../support/tempCore';

export interface Look {
  cx: number;
  cy: number;
  magnification: number;
  ms: number;
}

/** A session that rests on each look in turn (a 400 × 300 CSS px view), then ends. */
export function scriptedJsonl(slide: { id: string; width: number; height: number; mpp: number | null; objectivePower: number | null }, looks: readonly Look[]): string {
  const base = slide.objectivePower ?? 10 / (slide.mpp ?? 0.25);
  const events: NavigationEvent[] = [];
  let t = 0;
  for (const l of looks) {
    events.push(viewportEvent({ t, cx: l.cx, cy: l.cy, zoom: l.magnification / base, cw: 400, ch: 300 }));
    t += l.ms;
  }
  events.push({ type: 'end', t });
  return serializeNavigationJsonl({ slide: { type: 'slide', ...slide }, events });
}

export interface SlideSetup {
  slideId: number;
  caseId: number;
  fileName: string;
  width: number;
  height: number;
  sha256: string;
}

export interface ReviewSetup {
  core: Core;
  dataDir: string;
  userId: number;
  projectId: number;
  slides: SlideSetup[];
}

/** The two regions and the peek every scripted slide gets, in fractions of the slide's size. */
export const LOOKS = (w: number, h: number): Look[] => [
  { cx: Math.round(w * 0.3), cy: Math.round(h * 0.3), magnification: 10, ms: 3000 },
  { cx: Math.round(w * 0.3), cy: Math.round(h * 0.3), magnification: 40, ms: 2000 },
  { cx: Math.round(w * 0.7), cy: Math.round(h * 0.7), magnification: 10, ms: 3000 },
];

export async function addScriptedSlide(s: { core: Core; dataDir: string; userId: number }, caseId: number, fixture: SlideFixtureName, fileName: string, looks?: Look[]): Promise<SlideSetup> {
  const path = join(s.dataDir, fileName);
  copyFileSync(await slideFixture(fixture), path);
  const file = await call<{ id: number; sha256: string }>(s.core, 'files.add', { caseId, path }, s.userId);
  const d = await call<{ width: number; height: number; mpp: { x: number } | null; objectivePower: number | null }>(s.core, 'slides.open', { slideId: file.id }, s.userId);
  const jsonl = scriptedJsonl({ id: file.sha256, width: d.width, height: d.height, mpp: d.mpp?.x ?? null, objectivePower: d.objectivePower }, looks ?? LOOKS(d.width, d.height));
  await call(s.core, 'recording.import', { slideId: file.id, jsonl }, s.userId);
  return { slideId: file.id, caseId, fileName, width: d.width, height: d.height, sha256: file.sha256 };
}

/**
 * One case "Jane Doe 12/03/2021" with an Aperio slide (label and macro images inside) named after the patient; with
 * `secondCase`, a second with a Philips slide (label, macro and barcode in its XML).
 */
export async function reviewSetup(opts: { secondCase?: boolean } = {}): Promise<ReviewSetup> {
  const dataDir = tempDir('sightline-review-');
  const core = tempCore(dataDir);
  const me = await call<{ id: number }>(core, 'profiles.create', { name: 'Ada Lovelace', role: 'pathologist' });
  const p = await call<{ id: number }>(core, 'projects.create', { name: 'Study' }, me.id);
  const c = await call<{ id: number }>(core, 'cases.create', { projectId: p.id, name: 'Jane Doe 12/03/2021' }, me.id);
  const s = { core, dataDir, userId: me.id };
  const slides = [await addScriptedSlide(s, c.id, 'aperio-jpeg.svs', 'JaneDoe_S21-12345.svs')];
  if (opts.secondCase) {
    const c2 = await call<{ id: number }>(core, 'cases.create', { projectId: p.id, name: 'John Roe MRN 7654321' }, me.id);
    slides.push(await addScriptedSlide(s, c2.id, 'philips-like.tiff', 'JohnRoe_H19-4567.tiff'));
  }
  return { core, dataDir, userId: me.id, projectId: p.id, slides };
}

export async function failure(core: Core, name: string, input: unknown, actorId: number | null = null): Promise<{ code: string; message: string; details?: unknown }> {
  const env = await core.invoke(name, input, { actorId });
  if (env.ok) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(env.value).slice(0, 200)}`);
  return env.error;
}
