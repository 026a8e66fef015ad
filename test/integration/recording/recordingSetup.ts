// A data dir with a profile and one slide of known size and optics, ready for recording.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../../electron/core/createCore';
import type { NavigationEvent } from '../../../shared/navigation';
import { viewportEvent } from '../../../shared/navigation';
import { call, tempCore, tempDir } from '../../support/tempCore';

export interface SlideSpec {
  width?: number;
  height?: number;
  mpp?: number | null;
  objective?: number | null;
}

/** Sets what opening the slide in the viewer records (size and optics), as the slide engine does. */
export function recordSlideOptics(dataDir: string, slideId: number, spec: SlideSpec = {}): void {
  const db = new Database(join(dataDir, 'sightline.db'));
  try {
    db.prepare('UPDATE slides SET width = ?, height = ?, mpp_x = ?, mpp_y = ?, objective = ? WHERE id = ?').run(
      spec.width ?? 98_304,
      spec.height ?? 65_536,
      spec.mpp === undefined ? 0.25 : spec.mpp,
      spec.mpp === undefined ? 0.25 : spec.mpp,
      spec.objective === undefined ? 40 : spec.objective,
      slideId,
    );
  } finally {
    db.close();
  }
}

export interface RecordingSetup {
  core: Core;
  dataDir: string;
  userId: number;
  caseId: number;
  slideId: number;
}

export async function addSlide(core: Core, dataDir: string, caseId: number, userId: number, name: string, spec?: SlideSpec | 'unopened'): Promise<number> {
  const path = join(dataDir, name);
  writeFileSync(path, `slide ${name} ${Math.random()}`);
  const f = await call<{ id: number }>(core, 'files.add', { caseId, path }, userId);
  if (spec !== 'unopened') recordSlideOptics(dataDir, f.id, spec);
  return f.id;
}

export async function recordingSetup(dataDir = tempDir(), spec?: SlideSpec): Promise<RecordingSetup> {
  const core = tempCore(dataDir);
  const me = await call<{ id: number }>(core, 'profiles.create', { name: 'Ada', role: 'pathologist' });
  const p = await call<{ id: number }>(core, 'projects.create', { name: 'Study' }, me.id);
  const c = await call<{ id: number }>(core, 'cases.create', { projectId: p.id, name: 'Case 1' }, me.id);
  const slideId = await addSlide(core, dataDir, c.id, me.id, 'slide-1.svs', spec);
  return { core, dataDir, userId: me.id, caseId: c.id, slideId };
}

/** `n` viewport events every 33 ms from `t0`, panning right at 40× objective zoom 0.25 (10×). */
export function panEvents(t0: number, n: number, startX = 40_000): NavigationEvent[] {
  const out: NavigationEvent[] = [];
  for (let i = 0; i < n; i++) out.push(viewportEvent({ t: t0 + i * 33, cx: startX + i * 50, cy: 30_000, zoom: 0.25, cw: 1600, ch: 900 }));
  return out;
}
