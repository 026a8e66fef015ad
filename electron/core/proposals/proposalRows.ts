import type { Database } from 'better-sqlite3';
import type { StoredProposal } from '../../../shared/contract/models';
import type { Proposal } from '../../../shared/models/proposer';
import { notFound } from '../errors';

export interface ProposalRow {
  id: number;
  slide_id: number;
  model_name: string;
  model_version: string;
  model_sha256: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  score: number;
  confidence: number;
  agreement: number;
  passes: number;
  abstain: number;
  status: StoredProposal['status'];
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  review_item_id: number | null;
  created_at: string;
}

export const PROPOSAL_SELECT = `SELECT p.*, u.name AS decided_by_name FROM proposals p LEFT JOIN users u ON u.id = p.decided_by`;

export function toProposal(r: ProposalRow): StoredProposal {
  return {
    id: r.id,
    slideId: r.slide_id,
    model: { name: r.model_name, version: r.model_version },
    box: [r.x0, r.y0, r.x1, r.y1],
    score: r.score,
    confidence: r.confidence,
    agreement: r.agreement,
    passes: r.passes,
    abstain: r.abstain === 1,
    status: r.status,
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    reviewItemId: r.review_item_id,
    createdAt: r.created_at,
  };
}

export function getProposal(db: Database, id: number): ProposalRow {
  const row = db.prepare(`${PROPOSAL_SELECT} WHERE p.id = ?`).get(id) as ProposalRow | undefined;
  if (!row) throw notFound('Proposal', id);
  return row;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * Stores one run's proposals in rank order: a box this model version already proposed on the slide keeps its row
 * (and its decision); new boxes get new rows. Call inside a transaction.
 */
export function storeProposals(
  db: Database,
  actorId: number | null,
  slideId: number,
  model: { name: string; version: string; sha256: string },
  proposals: readonly Proposal[],
  now: string,
): { rows: ProposalRow[]; created: number[]; existing: number[] } {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO proposals (slide_id, model_name, model_version, model_sha256, x0, y0, x1, y1, score, confidence, agreement, passes, abstain, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const find = db.prepare('SELECT id FROM proposals WHERE slide_id = ? AND model_name = ? AND model_version = ? AND x0 = ? AND y0 = ? AND x1 = ? AND y1 = ?').pluck();
  const created: number[] = [];
  const existing: number[] = [];
  const ids: number[] = [];
  for (const p of proposals) {
    const [x0, y0, x1, y1] = [Math.max(0, Math.floor(p.box[0])), Math.max(0, Math.floor(p.box[1])), Math.ceil(p.box[2]), Math.ceil(p.box[3])];
    if (!(x1 > x0 && y1 > y0)) continue;
    const r = insert.run(slideId, model.name, model.version, model.sha256, x0, y0, x1, y1, clamp01(p.score), clamp01(p.confidence), clamp01(p.agreement), Math.max(1, p.passes), p.abstain ? 1 : 0, actorId, now);
    if (r.changes === 1) {
      const id = Number(r.lastInsertRowid);
      created.push(id);
      ids.push(id);
    } else {
      const id = find.get(slideId, model.name, model.version, x0, y0, x1, y1) as number;
      existing.push(id);
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return { rows: ids.map((id) => getProposal(db, id)), created, existing };
}

/** The model versions that proposed on a slide, the one that proposed last first. */
export function modelsOnSlide(db: Database, slideId: number): Array<{ name: string; version: string; count: number; lastAt: string }> {
  return db
    .prepare(
      `SELECT model_name AS name, model_version AS version, COUNT(*) AS count, MAX(created_at) AS lastAt FROM proposals WHERE slide_id = ?
       GROUP BY model_name, model_version ORDER BY MAX(id) DESC`,
    )
    .all(slideId) as Array<{ name: string; version: string; count: number; lastAt: string }>;
}

export function proposalsOf(db: Database, slideId: number, model: { name: string; version: string }): ProposalRow[] {
  return db.prepare(`${PROPOSAL_SELECT} WHERE p.slide_id = ? AND p.model_name = ? AND p.model_version = ? ORDER BY p.id`).all(slideId, model.name, model.version) as ProposalRow[];
}
