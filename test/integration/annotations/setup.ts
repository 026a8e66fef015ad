// A data dir with a profile, a project with one case and one slide of known size and pixel size.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../../electron/core/createCore';
import { call, tempCore, tempDir } from '../../support/tempCore';

export interface AnnotationSetup {
  core: Core;
  dataDir: string;
  userId: number;
  projectId: number;
  caseId: number;
  slideId: number;
}

/** Records a slide's size and pixel size as opening it in the viewer does. */
export function setSlideSize(dataDir: string, slideId: number, width: number, height: number, mpp: number | null): void {
  const db = new Database(join(dataDir, 'sightline.db'));
  try {
    db.prepare('UPDATE slides SET width = ?, height = ?, mpp_x = ?, mpp_y = ? WHERE id = ?').run(width, height, mpp, mpp, slideId);
  } finally {
    db.close();
  }
}

export async function addSlide(core: Core, dataDir: string, caseId: number, userId: number, name: string): Promise<number> {
  const path = join(dataDir, name);
  writeFileSync(path, `slide ${name} ${Math.random()}`);
  return (await call<{ id: number }>(core, 'files.add', { caseId, path }, userId)).id;
}

export async function annotationSetup(dataDir = tempDir()): Promise<AnnotationSetup> {
  const core = tempCore(dataDir);
  const me = await call<{ id: number }>(core, 'profiles.create', { name: 'Ada', role: 'pathologist' });
  const p = await call<{ id: number }>(core, 'projects.create', { name: 'Study' }, me.id);
  const c = await call<{ id: number }>(core, 'cases.create', { projectId: p.id, name: 'Case 1' }, me.id);
  const slideId = await addSlide(core, dataDir, c.id, me.id, 'slide-1.svs');
  setSlideSize(dataDir, slideId, 98_304, 65_536, 0.25);
  return { core, dataDir, userId: me.id, projectId: p.id, caseId: c.id, slideId };
}

/** The error envelope of a call that must fail. */
export async function failure(core: Core, name: string, input: unknown, actorId: number | null = null): Promise<{ code: string; message: string; details?: unknown }> {
  const env = await core.invoke(name, input, { actorId });
  if (env.ok) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(env.value).slice(0, 200)}`);
  return env.error;
}

export interface AuditRow {
  action: string;
  entity: string;
  entity_id: string;
  actor_id: number | null;
  before: string | null;
  after: string | null;
}

/** The audit rows of one entity kind, oldest first, read with a second connection as an auditor would. */
export function auditRows(dataDir: string, entity: string): AuditRow[] {
  const db = new Database(join(dataDir, 'sightline.db'), { readonly: true });
  try {
    return db.prepare('SELECT action, entity, entity_id, actor_id, before, after FROM audit WHERE entity = ? ORDER BY id').all(entity) as AuditRow[];
  } finally {
    db.close();
  }
}
