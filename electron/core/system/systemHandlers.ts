import { verifyAudit } from '../audit/audit';
import type { Handlers } from '../dispatch/handlers';
import { runDoctor } from './doctor';

interface AuditDbRow {
  id: number;
  at: string;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
}

export const systemHandlers: Handlers<'system.info' | 'system.doctor' | 'audit.verify' | 'audit.recent' | 'jobs.cancel'> = {
  'system.info': (_in, _ctx, { db, dataDir, door, version }) => ({
    version,
    dataDir,
    door,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
  }),
  'system.doctor': (_in, _ctx, { db }) => runDoctor(db),
  'audit.verify': (_in, _ctx, { db }) => verifyAudit(db),
  'audit.recent': ({ limit }, _ctx, { db }) =>
    (db.prepare('SELECT id, at, actor_id, action, entity, entity_id FROM audit ORDER BY id DESC LIMIT ?').all(limit) as AuditDbRow[]).map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
    })),
  'jobs.cancel': ({ jobId }, _ctx, { jobs }) => {
    jobs.cancel(jobId);
    return { ok: true as const };
  },
};
