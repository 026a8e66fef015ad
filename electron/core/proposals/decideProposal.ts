import type { Database } from 'better-sqlite3';
import type { StoredProposal } from '../../../shared/contract/models';
import { reviewMagnification } from '../../../shared/models/proposalOrder';
import { appendAudit } from '../audit/audit';
import { CoreError } from '../errors';
import { addProposalItems } from '../review/proposals';
import { getProposal, toProposal } from './proposalRows';

/** The slide's objective power: stated, else from its pixel size (0.25 µm/px ≈ 40×), else 40×. */
function slideMagnification(db: Database, slideId: number): number {
  const s = db.prepare('SELECT objective, mpp_x FROM slides WHERE id = ?').get(slideId) as { objective: number | null; mpp_x: number | null } | undefined;
  if (s?.objective && s.objective > 0) return s.objective;
  if (s?.mpp_x && s.mpp_x > 0) return 10 / s.mpp_x;
  return 40;
}

/**
 * Accept (the proposal becomes an item of the review queue, with its model, score, confidence and abstention) or
 * reject (kept: it is training data). Both are audited; a proposal is decided once.
 */
export function decideProposal(db: Database, actorId: number | null, id: number, decision: 'accept' | 'reject'): StoredProposal {
  const row = getProposal(db, id);
  if (row.status !== 'proposed') {
    const who = row.decided_by_name ? ` by ${row.decided_by_name}` : '';
    throw new CoreError('CONFLICT', `Proposal ${id} was already ${row.status}${who} (${row.decided_at}); a proposal is decided once.`);
  }
  const status = decision === 'accept' ? 'accepted' : 'rejected';
  const now = new Date().toISOString();
  db.transaction(() => {
    let itemId: number | null = null;
    if (decision === 'accept') {
      const box: [number, number, number, number] = [row.x0, row.y0, row.x1, row.y1];
      const r = addProposalItems(db, actorId, {
        slideId: row.slide_id,
        model: { name: row.model_name, version: row.model_version },
        magnification: reviewMagnification(box, slideMagnification(db, row.slide_id)),
        proposals: [{ box, score: row.score, confidence: row.confidence, uncertainty: 1 - row.confidence, abstain: row.abstain === 1 }],
      });
      itemId = r.itemIds[0] ?? null;
    }
    const changed = db
      .prepare("UPDATE proposals SET status = ?, decided_by = ?, decided_at = ?, review_item_id = ? WHERE id = ? AND status = 'proposed'")
      .run(status, actorId, now, itemId, id).changes;
    if (changed !== 1) throw new CoreError('CONFLICT', `Proposal ${id} was decided meanwhile; a proposal is decided once.`);
    appendAudit(db, { actorId, action: `proposal.${decision}`, entity: 'proposal', entityId: id, before: { status: 'proposed' }, after: { status, reviewItemId: itemId } });
  })();
  return toProposal(getProposal(db, id));
}
