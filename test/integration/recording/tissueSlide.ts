// A library with the tissue-islands fixture slide and a session that looks at 10× only where there is tissue.
import type { Core } from '../../../electron/core/createCore';
import { serializeNavigationJsonl, viewportEvent, type NavigationEvent, type SlideHeader } from '../../../shared/navigation';
import { tissueSlide } from '../../fixtures/slides/generate';
import { BACKGROUND, tissueRaster } from '../../fixtures/slides/tissue';
import { call } from '../../support/tempCore';

export const W = 8000;
export const H = 6000;
const TRUTH_DS = 16;

export const tissueSlidePath = () => tissueSlide({ width: W, height: H });

/** Where the fixture drew tissue (not its background), at 1/16 of level 0, and the share of the slide it covers. */
export async function tissueTruth(): Promise<{ isTissue(x: number, y: number): boolean; share: number }> {
  const r = await tissueRaster(W, H, 1);
  const w = Math.floor(W / TRUTH_DS);
  const h = Math.floor(H / TRUTH_DS);
  const px = r.render(TRUTH_DS, 0, 0, w, h);
  const tissue = new Uint8Array(w * h);
  let n = 0;
  for (let i = 0; i < w * h; i++) {
    const d = Math.max(Math.abs(px[i * 3] - BACKGROUND[0]), Math.abs(px[i * 3 + 1] - BACKGROUND[1]), Math.abs(px[i * 3 + 2] - BACKGROUND[2]));
    if (d > 6) tissue[i] = 1;
    n += tissue[i];
  }
  return {
    isTissue: (x, y) => tissue[Math.min(h - 1, Math.floor(y / TRUTH_DS)) * w + Math.min(w - 1, Math.floor(x / TRUTH_DS))] === 1,
    share: n / (w * h),
  };
}

export const HEADER: SlideHeader = { type: 'slide', id: 'tissue-islands', width: W, height: H, mpp: 0.25, objectivePower: 40 };

/** An overview at 1.25×, then 1 s looks at 10× (views of 1000 × 750 level-0 px) wherever such a view holds tissue only. */
export async function tissueSession(): Promise<{ events: NavigationEvent[]; jsonl: string }> {
  const truth = await tissueTruth();
  const events: NavigationEvent[] = [viewportEvent({ t: 0, cx: W / 2, cy: H / 2, zoom: 1.25 / 40, cw: 250, ch: 187.5 })];
  // Inside an island, a few pale spots of the stain look like the background: a view is on tissue when 97 % of it is.
  const onlyTissue = (cx: number, cy: number) => {
    let n = 0;
    let on = 0;
    for (let y = cy - 375; y <= cy + 375; y += 25) {
      for (let x = cx - 500; x <= cx + 500; x += 25) {
        n++;
        if (truth.isTissue(x, y)) on++;
      }
    }
    return on >= 0.97 * n;
  };
  let t = 2000;
  for (let cy = 375; cy <= H - 375; cy += 375) {
    for (let cx = 500; cx <= W - 500; cx += 500) {
      if (!onlyTissue(cx, cy)) continue;
      events.push(viewportEvent({ t, cx, cy, zoom: 10 / 40, cw: 250, ch: 187.5 }));
      t += 1000;
    }
  }
  events.push({ type: 'end', t });
  return { events, jsonl: serializeNavigationJsonl({ slide: HEADER, events }) };
}

/** A profile and a case holding the slide at `path`; returns the slide's and the profile's ids. */
export async function addTissueSlide(core: Core, path: string): Promise<{ slideId: number; userId: number }> {
  const me = await call<{ id: number }>(core, 'profiles.create', { name: 'Ada', role: 'pathologist' });
  const p = await call<{ id: number }>(core, 'projects.create', { name: 'Study' }, me.id);
  const c = await call<{ id: number }>(core, 'cases.create', { projectId: p.id, name: 'Case 1' }, me.id);
  const f = await call<{ id: number }>(core, 'files.add', { caseId: c.id, path }, me.id);
  return { slideId: f.id, userId: me.id };
}
