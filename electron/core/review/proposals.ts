import type { Database } from 'better-sqlite3';
import { uncertaintyOf } from '../../../shared/review/queueOrder';
import { appendAudit } from '../audit/audit';
import { CoreError, notFound } from '../errors';
import { syncImpressions } from './syncItems';

export interface ProposalInput {
  box: [number, number, number, number];
  score: number | null;
  confidence: number | null;
  uncertainty: number | null;
  abstain: boolean;
}

/** Ordinals of proposals come after every recorded region of the slide. */
const PROPOSAL_ORDINAL = 9_000_000_000_000;

/**
 * Review items for a model's proposals on a slide: one inspect item per box, with its score, confidence,
 * uncertainty (stated, else 1 − confidence) and abstention. The same box from the same model version is one item.
 */
export function addProposalItems(
  db: Database,
  actorId: number | null,
  input: { slideId: number; model: { name: string; version: string }; magnification: number; proposals: readonly ProposalInput[] },
): { created: number; existing: number; itemIds: number[] } {
  const slide = db.prepare('SELECT s.id, s.case_id, s.width, s.height, c.project_id FROM slides s JOIN cases c ON c.id = s.case_id WHERE s.id = ?').get(input.slideId) as
    | { id: number; case_id: number; width: number | null; height: number | null; project_id: number }
    | undefined;
  if (!slide) throw notFound('Slide', input.slideId);
  for (const p of input.proposals) {
    if (p.box.some((v) => v < 0) || (slide.width !== null && p.box[2] > slide.width) || (slide.height !== null && p.box[3] > slide.height)) {
      throw new CoreError('INVALID_INPUT', `The box [${p.box.join(', ')}] lies outside the slide (${slide.width ?? '?'} × ${slide.height ?? '?'} pixels).`);
    }
  }
  const out = { created: 0, existing: 0, itemIds: [] as number[] };
  const now = new Date().toISOString();
  db.transaction(() => {
    const find = db.prepare('SELECT id FROM review_items WHERE source_key = ?').pluck();
    const base = db.prepare("SELECT COUNT(*) FROM review_items WHERE slide_id = ? AND source = 'model'").pluck().get(slide.id) as number;
    const insert = db.prepare(
      `INSERT INTO review_items (project_id, case_id, slide_id, kind, source, source_key, magnification, box, model_name, model_version, score, confidence, uncertainty, abstain, ordinal, created_at, updated_at)
       VALUES (?, ?, ?, 'inspect', 'model', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    input.proposals.forEach((p, i) => {
      const box = p.box.map((v) => Math.round(v)) as [number, number, number, number];
      const key = `model:${slide.id}:${input.model.name}@${input.model.version}:${box.join(',')}`;
      const existing = find.get(key) as number | undefined;
      if (existing !== undefined) {
        out.existing++;
        out.itemIds.push(existing);
        return;
      }
      const uncertainty = uncertaintyOf(p);
      const id = Number(
        insert.run(
          slide.project_id,
          slide.case_id,
          slide.id,
          key,
          input.magnification,
          JSON.stringify(box),
          input.model.name,
          input.model.version,
          p.score,
          p.confidence,
          uncertainty,
          p.abstain ? 1 : 0,
          PROPOSAL_ORDINAL + base + i,
          now,
          now,
        ).lastInsertRowid,
      );
      appendAudit(db, { actorId, action: 'review.item.create', entity: 'review_item', entityId: id, after: { key, box, score: p.score, confidence: p.confidence, abstain: p.abstain } });
      out.created++;
      out.itemIds.push(id);
    });
    syncImpressions(db, actorId, slide.project_id, now);
  })();
  return out;
}
