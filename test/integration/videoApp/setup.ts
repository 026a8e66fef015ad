// A data dir with two annotator profiles, a project with one case holding the generated feedback video.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Core } from '../../../electron/core/createCore';
import { feedbackVideoPath, type FixtureFormat } from '../../fixtures/video/feedbackVideo';
import { call, tempCore, tempDir } from '../../support/tempCore';

export interface VideoSetup {
  core: Core;
  dataDir: string;
  userId: number;
  otherId: number;
  projectId: number;
  caseId: number;
  videoId: number;
}

export async function videoSetup(format: FixtureFormat = 'webm', dataDir = tempDir()): Promise<VideoSetup> {
  const path = await feedbackVideoPath(format);
  const core = tempCore(dataDir);
  const me = await call<{ id: number }>(core, 'profiles.create', { name: 'Dr. Ada Rivera', role: 'surgical-trainer' });
  const other = await call<{ id: number }>(core, 'profiles.create', { name: 'Ben Okafor', role: 'annotator' });
  const p = await call<{ id: number }>(core, 'projects.create', { name: 'Feedback study' }, me.id);
  const c = await call<{ id: number }>(core, 'cases.create', { projectId: p.id, name: 'Case 012' }, me.id);
  const v = await call<{ id: number }>(core, 'files.add', { caseId: c.id, path }, me.id);
  return { core, dataDir, userId: me.id, otherId: other.id, projectId: p.id, caseId: c.id, videoId: v.id };
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

/** Body of a resource as one Buffer (streams are read to the end). */
export async function bodyOf(body: Buffer | NodeJS.ReadableStream): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
