import type { Database } from 'better-sqlite3';
import { orderQueue } from '../../../shared/review/queueOrder';
import { notFound } from '../errors';
import { ITEM_SELECT, latestDrafts, latestReviews, type DraftRow, type ItemRow, type ReviewRow } from '../review/itemRows';

export interface ExportItem {
  row: ItemRow;
  review: ReviewRow;
  draft: DraftRow | undefined;
}

export interface ExportCase {
  caseId: number;
  caseName: string;
  slideId: number;
  slideName: string;
  slideSha256: string;
  impression: ExportItem | null;
  /** Region items in queue order: accepted and edited ones, plus rejected ones when asked for. */
  regions: ExportItem[];
}

export interface ExportSelection {
  cases: ExportCase[];
  unreviewed: number;
  rejected: number;
}

const kept = (r: ReviewRow | undefined, includeRejected: boolean) => r !== undefined && (r.decision !== 'reject' || includeRejected);

/**
 * What an export of the project holds: per slide ("case" of the dataset), its reviewed regions in queue order and
 * its accepted first impression. Only the latest review of an item counts; unreviewed items are never exported; a
 * slide with no exported region is left out.
 */
export function collectExport(db: Database, projectId: number, includeRejected: boolean): ExportSelection {
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw notFound('Project', projectId);
  const rows = db.prepare(`${ITEM_SELECT} WHERE i.project_id = ? AND i.withdrawn_at IS NULL`).all(projectId) as ItemRow[];
  const reviews = latestReviews(db, projectId);
  const drafts = latestDrafts(db, projectId);
  const sha = db.prepare('SELECT sha256 FROM slides WHERE id = ?').pluck();
  const ordered = orderQueue(
    rows.map((r) => ({ row: r, id: r.id, caseId: r.case_id, slideId: r.slide_id, kind: r.kind, ordinal: r.ordinal, uncertainty: null, abstain: false })),
    'queue',
  );
  const bySlide = new Map<number, ExportCase>();
  let unreviewed = 0;
  let rejected = 0;
  for (const { row } of ordered) {
    const review = reviews.get(row.id);
    if (!review) {
      unreviewed++;
      continue;
    }
    if (review.decision === 'reject') rejected++;
    let c = bySlide.get(row.slide_id);
    if (!c) {
      c = { caseId: row.case_id, caseName: row.case_name, slideId: row.slide_id, slideName: row.slide_name, slideSha256: sha.get(row.slide_id) as string, impression: null, regions: [] };
      bySlide.set(row.slide_id, c);
    }
    const item = { row, review, draft: drafts.get(row.id) };
    if (row.kind === 'impression') {
      if (review.decision !== 'reject') c.impression = item;
    } else if (kept(review, includeRejected)) c.regions.push(item);
  }
  return { cases: [...bySlide.values()].filter((c) => c.regions.length > 0), unreviewed, rejected };
}
