import type { Database } from 'better-sqlite3';
import type { HighPowerLook, SyncCounts } from '../../../shared/contract/review';
import type { ItemKind } from '../../../shared/review/fields';
import { appendAudit } from '../audit/audit';
import { notFound } from '../errors';
import { sessionCommands, type SourceCommand } from './commandSource';

interface WantedItem {
  key: string;
  caseId: number;
  slideId: number;
  kind: ItemKind;
  sessionId: number | null;
  commandKey: string | null;
  magnification: number | null;
  box: string | null;
  highPower: string;
  durationMs: number | null;
  visits: number | null;
  startMs: number | null;
  ordinal: number;
}

interface ExistingRow {
  id: number;
  source_key: string;
  magnification: number | null;
  box: string | null;
  high_power: string;
  duration_ms: number | null;
  visits: number | null;
  start_ms: number | null;
  ordinal: number;
  withdrawn_at: string | null;
}

const look = (c: SourceCommand): HighPowerLook => ({ box: c.box, magnification: c.magnification, durationMs: c.duration, visits: c.visits, startMs: c.start, commandKey: c.key });

/** The items a session's commands call for: one per inspect (its peeks attached as high-power looks), one per lone peek. */
export function itemsOfSession(caseId: number, slideId: number, sessionId: number, commands: readonly SourceCommand[]): WantedItem[] {
  const inspects = new Set(commands.filter((c) => c.kind === 'inspect').map((c) => c.key));
  const out: WantedItem[] = [];
  commands.forEach((c, i) => {
    if (c.kind === 'peek' && c.parentKey !== null && inspects.has(c.parentKey)) return;
    const peeks = c.kind === 'inspect' ? commands.filter((p) => p.kind === 'peek' && p.parentKey === c.key).map(look) : [];
    out.push({
      key: `behavior:${sessionId}:${c.key}`,
      caseId,
      slideId,
      kind: c.kind,
      sessionId,
      commandKey: c.key,
      magnification: c.magnification,
      box: JSON.stringify(c.box),
      highPower: JSON.stringify(peeks),
      durationMs: c.duration,
      visits: c.visits,
      startMs: c.start,
      ordinal: sessionId * 10_000 + i + 1,
    });
  });
  return out;
}

const changed = (e: ExistingRow, w: WantedItem) =>
  e.box !== w.box ||
  e.magnification !== w.magnification ||
  e.high_power !== w.highPower ||
  e.duration_ms !== w.durationMs ||
  e.visits !== w.visits ||
  e.start_ms !== w.startMs ||
  e.ordinal !== w.ordinal;

/**
 * Brings a project's items up to date with its recordings: new regions become items, changed ones are updated
 * (their measurements redone on the next draft), regions that are gone are withdrawn and come back if they
 * reappear. Each slide with regions gets a first-impression item. One transaction, every change audited.
 */
export function syncProjectItems(db: Database, actorId: number | null, projectId: number): SyncCounts {
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw notFound('Project', projectId);
  const slides = db.prepare('SELECT s.id, s.case_id FROM slides s JOIN cases c ON c.id = s.case_id WHERE c.project_id = ? ORDER BY s.id').all(projectId) as Array<{ id: number; case_id: number }>;
  const sessionsOf = db.prepare("SELECT id FROM sessions WHERE slide_id = ? AND deleted_at IS NULL AND status != 'recording' ORDER BY id").pluck();
  const wanted: WantedItem[] = [];
  for (const s of slides) {
    const regions: WantedItem[] = [];
    for (const sessionId of sessionsOf.all(s.id) as number[]) regions.push(...itemsOfSession(s.case_id, s.id, sessionId, sessionCommands(db, sessionId)));
    wanted.push(...regions);
  }
  const counts: SyncCounts = { created: 0, updated: 0, withdrawn: 0, restored: 0, items: 0 };
  const now = new Date().toISOString();
  db.transaction(() => {
    const existing = new Map(
      (db.prepare("SELECT id, source_key, magnification, box, high_power, duration_ms, visits, start_ms, ordinal, withdrawn_at FROM review_items WHERE project_id = ? AND source = 'behavior'").all(projectId) as ExistingRow[]).map(
        (r) => [r.source_key, r],
      ),
    );
    const insert = db.prepare(
      `INSERT INTO review_items (project_id, case_id, slide_id, kind, source, source_key, session_id, command_key, magnification, box, high_power, duration_ms, visits, start_ms, ordinal, created_at, updated_at)
       VALUES (@projectId, @caseId, @slideId, @kind, @source, @key, @sessionId, @commandKey, @magnification, @box, @highPower, @durationMs, @visits, @startMs, @ordinal, @now, @now)`,
    );
    const update = db.prepare(
      `UPDATE review_items SET magnification = @magnification, box = @box, high_power = @highPower, duration_ms = @durationMs, visits = @visits, start_ms = @startMs,
       ordinal = @ordinal, withdrawn_at = NULL, updated_at = @now WHERE id = @id`,
    );
    const withdraw = db.prepare('UPDATE review_items SET withdrawn_at = ?, updated_at = ? WHERE id = ?');
    const seen = new Set<string>();
    for (const w of wanted) {
      seen.add(w.key);
      const e = existing.get(w.key);
      if (!e) {
        const id = Number(insert.run({ ...w, projectId, source: 'behavior', now }).lastInsertRowid);
        appendAudit(db, { actorId, action: 'review.item.create', entity: 'review_item', entityId: id, after: { key: w.key, kind: w.kind, box: w.box, magnification: w.magnification } });
        counts.created++;
      } else if (changed(e, w) || e.withdrawn_at !== null) {
        update.run({ ...w, id: e.id, now });
        if (e.withdrawn_at !== null) counts.restored++;
        else counts.updated++;
        appendAudit(db, { actorId, action: e.withdrawn_at !== null ? 'review.item.restore' : 'review.item.update', entity: 'review_item', entityId: e.id, before: { box: e.box, magnification: e.magnification }, after: { box: w.box, magnification: w.magnification } });
      }
    }
    for (const e of existing.values()) {
      if (seen.has(e.source_key) || e.withdrawn_at !== null) continue;
      withdraw.run(now, now, e.id);
      appendAudit(db, { actorId, action: 'review.item.withdraw', entity: 'review_item', entityId: e.id, before: { key: e.source_key } });
      counts.withdrawn++;
    }
    counts.created += syncImpressions(db, actorId, projectId, now);
    counts.items = db.prepare('SELECT COUNT(*) FROM review_items WHERE project_id = ? AND withdrawn_at IS NULL').pluck().get(projectId) as number;
  })();
  return counts;
}

/** One first-impression item per slide that has regions to review; withdrawn when its slide has none left. */
export function syncImpressions(db: Database, actorId: number | null, projectId: number, now: string): number {
  const withRegions = new Map(
    (
      db
        .prepare("SELECT DISTINCT slide_id, case_id FROM review_items WHERE project_id = ? AND kind != 'impression' AND withdrawn_at IS NULL")
        .all(projectId) as Array<{ slide_id: number; case_id: number }>
    ).map((r) => [r.slide_id, r.case_id]),
  );
  const existing = db.prepare("SELECT id, slide_id, withdrawn_at FROM review_items WHERE project_id = ? AND kind = 'impression'").all(projectId) as Array<{ id: number; slide_id: number; withdrawn_at: string | null }>;
  const have = new Set(existing.map((e) => e.slide_id));
  let n = 0;
  for (const [slideId, caseId] of withRegions) {
    if (have.has(slideId)) continue;
    const id = Number(
      db
        .prepare("INSERT INTO review_items (project_id, case_id, slide_id, kind, source, source_key, ordinal, created_at, updated_at) VALUES (?, ?, ?, 'impression', 'slide', ?, 0, ?, ?)")
        .run(projectId, caseId, slideId, `slide:${slideId}`, now, now).lastInsertRowid,
    );
    appendAudit(db, { actorId, action: 'review.item.create', entity: 'review_item', entityId: id, after: { key: `slide:${slideId}`, kind: 'impression' } });
    n++;
  }
  for (const e of existing) {
    const wantedNow = withRegions.has(e.slide_id);
    if (wantedNow === (e.withdrawn_at === null)) continue;
    db.prepare('UPDATE review_items SET withdrawn_at = ?, updated_at = ? WHERE id = ?').run(wantedNow ? null : now, now, e.id);
    appendAudit(db, { actorId, action: wantedNow ? 'review.item.restore' : 'review.item.withdraw', entity: 'review_item', entityId: e.id });
  }
  return n;
}
