import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { AuditVerdict } from '../../../shared/contract';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

interface AuditRowDb {
  id: number;
  at: string;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

function rowHash(r: Omit<AuditRowDb, 'id' | 'hash'>): string {
  const canonical = JSON.stringify([r.prev_hash, r.at, r.actor_id, r.action, r.entity, r.entity_id, r.before, r.after]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one row chained to the previous one. Call inside the transaction of the write it records. */
export function appendAudit(db: Database, e: AuditEntry): void {
  const last = db.prepare('SELECT hash FROM audit ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const row = {
    at: new Date().toISOString(),
    actor_id: e.actorId,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId === null ? null : String(e.entityId),
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  db.prepare(
    `INSERT INTO audit (at, actor_id, action, entity, entity_id, before, after, prev_hash, hash)
     VALUES (@at, @actor_id, @action, @entity, @entity_id, @before, @after, @prev_hash, @hash)`,
  ).run({ ...row, hash: rowHash(row) });
}

/** Walks the chain; the first row whose content or link does not match is reported. */
export function verifyAudit(db: Database): AuditVerdict {
  let prev = GENESIS_HASH;
  let rows = 0;
  for (const r of db.prepare('SELECT * FROM audit ORDER BY id').iterate() as IterableIterator<AuditRowDb>) {
    rows++;
    if (r.prev_hash !== prev) {
      return { ok: false, rows, firstBadRowId: r.id, reason: `row ${r.id} does not link to the row before it (a row was removed or reordered)` };
    }
    if (rowHash(r) !== r.hash) {
      return { ok: false, rows, firstBadRowId: r.id, reason: `row ${r.id} was changed after it was written` };
    }
    prev = r.hash;
  }
  return { ok: true, rows, firstBadRowId: null, reason: null };
}
