import type { Database } from 'better-sqlite3';
import type { ReviewDashboard, ReviewItem, ReviewQueue } from '../../../shared/contract/review';
import { orderQueue, type QueueOrder } from '../../../shared/review/queueOrder';
import { dashboardFigures, type ReviewFact } from '../../../shared/review/stats';
import { appendAudit } from '../audit/audit';
import { notFound } from '../errors';
import { getItemRow, ITEM_SELECT, latestDraftOf, latestDrafts, latestReviewOf, latestReviews, projectNames, toItem, type ItemRow } from './itemRows';

function assertProject(db: Database, projectId: number): void {
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw notFound('Project', projectId);
}

export function listQueue(db: Database, input: { projectId: number; order: QueueOrder; status: 'pending' | 'reviewed' | 'all'; includeWithdrawn: boolean }): ReviewQueue {
  assertProject(db, input.projectId);
  const rows = db.prepare(`${ITEM_SELECT} WHERE i.project_id = ?`).all(input.projectId) as ItemRow[];
  const drafts = latestDrafts(db, input.projectId);
  const reviews = latestReviews(db, input.projectId);
  const names = projectNames(db, input.projectId);
  const live = rows.filter((r) => r.withdrawn_at === null);
  const counts = {
    total: live.length,
    drafted: live.filter((r) => drafts.has(r.id)).length,
    reviewed: live.filter((r) => reviews.has(r.id)).length,
    pending: live.filter((r) => !reviews.has(r.id)).length,
  };
  const picked = (input.includeWithdrawn ? rows : live).filter((r) => (input.status === 'all' ? true : input.status === 'reviewed' ? reviews.has(r.id) : !reviews.has(r.id)));
  const items = picked.map((r) => toItem(r, drafts.get(r.id), reviews.get(r.id), names));
  const ordered = orderQueue(
    items.map((it) => ({ ...it, uncertainty: it.model?.uncertainty ?? null, abstain: it.model?.abstain ?? false })),
    input.order,
  );
  return { items: ordered.map(({ uncertainty: _u, abstain: _a, ...it }) => it as ReviewItem), counts };
}

export function getItem(db: Database, itemId: number): ReviewItem {
  const row = getItemRow(db, itemId);
  return toItem(row, latestDraftOf(db, itemId), latestReviewOf(db, itemId), projectNames(db, row.project_id));
}

/** Figures over the latest review of each item (an item reviewed again counts once, as it was last decided). */
export function reviewDashboard(db: Database, projectId: number): ReviewDashboard {
  assertProject(db, projectId);
  const reviews = latestReviews(db, projectId);
  const facts: ReviewFact[] = [...reviews.values()].map((r) => {
    const ed = JSON.parse(r.edit_distance) as Record<string, number>;
    const ks = JSON.parse(r.keystrokes) as Record<string, number>;
    return {
      reviewerId: r.reviewer_id,
      reviewerName: r.reviewer_name,
      mode: r.mode,
      decision: r.decision,
      elapsedMs: r.elapsed_ms,
      editDistance: Object.values(ed).reduce((s, v) => s + v, 0),
      keystrokes: Object.values(ks).reduce((s, v) => s + v, 0),
    };
  });
  const live = db.prepare('SELECT id FROM review_items WHERE project_id = ? AND withdrawn_at IS NULL').pluck().all(projectId) as number[];
  const drafts = latestDrafts(db, projectId);
  const reviewed = live.filter((id) => reviews.has(id)).length;
  return {
    ...dashboardFigures(facts),
    items: { total: live.length, drafted: live.filter((id) => drafts.has(id)).length, reviewed, pending: live.length - reviewed },
  };
}

export function setProjectNames(db: Database, actorId: number | null, projectId: number, names: readonly string[], newSecret: () => string): string[] {
  assertProject(db, projectId);
  const clean = [...new Set(names.map((n) => n.trim().replace(/\s+/g, ' ')).filter((n) => n.length >= 2))].sort((a, b) => a.localeCompare(b));
  db.transaction(() => {
    const before = projectNames(db, projectId);
    db.prepare(
      `INSERT INTO project_deid (project_id, secret, names, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(project_id) DO UPDATE SET names = excluded.names, updated_at = excluded.updated_at`,
    ).run(projectId, newSecret(), JSON.stringify(clean), new Date().toISOString());
    // The names themselves are identifiers: the audit records how many, not which.
    appendAudit(db, { actorId, action: 'review.names.set', entity: 'project', entityId: projectId, before: { count: before.length }, after: { count: clean.length } });
  })();
  return clean;
}
