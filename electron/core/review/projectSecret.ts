import { createHmac, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { formatPseudonym, pseudonymMessage, type PseudonymKind } from '../../../shared/review/pseudonym';
import { appendAudit } from '../audit/audit';

export const newSecret = (): string => randomBytes(32).toString('hex');

/** The project's pseudonym secret, made (and audited) on first use; it never changes afterwards. */
export function projectSecret(db: Database, actorId: number | null, projectId: number): string {
  const row = db.prepare('SELECT secret FROM project_deid WHERE project_id = ?').get(projectId) as { secret: string } | undefined;
  if (row) return row.secret;
  const secret = newSecret();
  db.transaction(() => {
    db.prepare("INSERT INTO project_deid (project_id, secret, names, updated_at) VALUES (?, ?, '[]', ?)").run(projectId, secret, new Date().toISOString());
    appendAudit(db, { actorId, action: 'export.secret.create', entity: 'project', entityId: projectId });
  })();
  return secret;
}

/** A stable pseudonym: HMAC-SHA-256 of the entity's identity under the project's secret. */
export function pseudonym(secret: string, kind: PseudonymKind, identity: string): string {
  return formatPseudonym(kind, createHmac('sha256', Buffer.from(secret, 'hex')).update(pseudonymMessage(kind, identity)).digest('hex'));
}
