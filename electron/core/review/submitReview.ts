import type { Database } from 'better-sqlite3';
import { editDistance } from '../../../shared/review/editDistance';
import { pickFields } from '../../../shared/review/fields';
import { decisionFor } from '../../../shared/review/stats';
import { appendAudit } from '../audit/audit';
import { CoreError } from '../errors';
import { flagsIn, getItemRow, itemFields, latestDraftOf, projectNames, type DraftRow } from './itemRows';

export interface SubmitInput {
  itemId: number;
  draftId: number | null;
  mode: 'review' | 'manual';
  decision: 'accept' | 'edit' | 'reject';
  final: Record<string, string>;
  elapsedMs: number;
  keystrokes: Record<string, number>;
}

/**
 * Stores one review. In review mode the draft is the item's latest (the one the reviewer saw; a stale draft id is a
 * conflict); in manual mode the fields started empty, so edit distances are measured from empty text. Accepting
 * changed text is an edit. The final text of a rejected item is kept as the reviewer left it.
 */
export function submitReview(db: Database, actorId: number | null, input: SubmitInput): number {
  if (actorId === null) throw new CoreError('FORBIDDEN', 'A review needs a reviewer: sign in with a profile first.');
  const row = getItemRow(db, input.itemId);
  if (row.withdrawn_at !== null) throw new CoreError('CONFLICT', 'This region was removed from its recording after the queue was loaded; it can no longer be reviewed.');
  const fields = itemFields(row);
  const unknown = Object.keys(input.final).filter((k) => !(fields as string[]).includes(k));
  if (unknown.length) throw new CoreError('INVALID_INPUT', `This item has the fields ${fields.join(', ')}, not ${unknown.join(', ')}.`);
  let draft: DraftRow | undefined;
  if (input.mode === 'review') {
    draft = latestDraftOf(db, row.id);
    if (!draft) throw new CoreError('CONFLICT', 'This item has no draft yet: draft it first, or review it in manual mode.');
    if (input.draftId !== null && input.draftId !== draft.id) throw new CoreError('CONFLICT', 'A newer draft of this item was made after it was shown; reload the queue.');
  } else if (input.draftId !== null) {
    throw new CoreError('INVALID_INPUT', 'A manual review starts from empty fields, so it names no draft.');
  }
  const final = pickFields(input.final, fields);
  const start = input.mode === 'review' ? pickFields(JSON.parse(draft!.fields) as Record<string, string>, fields) : pickFields({}, fields);
  const distances: Record<string, number> = {};
  const keystrokes: Record<string, number> = {};
  for (const f of fields) {
    distances[f] = editDistance(start[f], final[f]);
    keystrokes[f] = Math.max(0, Math.round(input.keystrokes[f] ?? 0));
  }
  let decision = input.decision;
  if (decision !== 'reject') decision = decisionFor(start, final);
  if (decision !== 'reject' && input.mode === 'manual' && fields.every((f) => final[f].trim() === '')) {
    throw new CoreError('INVALID_INPUT', 'In manual mode write the rationale before accepting (or reject the region).');
  }
  const flags = flagsIn(final, projectNames(db, row.project_id));
  return db.transaction(() => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO reviews (item_id, draft_id, reviewer_id, mode, decision, final, elapsed_ms, keystrokes, edit_distance, backend, backend_version, model_name, model_version, box, flags, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          row.id,
          draft?.id ?? null,
          actorId,
          input.mode,
          decision,
          JSON.stringify(final),
          input.elapsedMs,
          JSON.stringify(keystrokes),
          JSON.stringify(distances),
          draft?.backend ?? null,
          draft?.backend_version ?? null,
          draft?.model_name ?? null,
          draft?.model_version ?? null,
          row.box,
          JSON.stringify(flags),
          new Date().toISOString(),
        ).lastInsertRowid,
    );
    appendAudit(db, { actorId, action: 'review.submit', entity: 'review', entityId: id, after: { itemId: row.id, mode: input.mode, decision, editDistance: distances, elapsedMs: input.elapsedMs } });
    return id;
  })();
}

