import type { Database } from 'better-sqlite3';
import { RESOURCE_PREFIX } from '../../../shared/contract/bridge';
import type { Draft, HighPowerLook, IdentifierFlag, MeasuredFact, Review, ReviewItem } from '../../../shared/contract/review';
import { formatMagnification, formatSeconds, type ImpressionFacts, type RegionFacts } from '../../../shared/review/compose';
import type { Box } from '../../../shared/review/dataset';
import { fieldsFor, type ItemKind, type RationaleField } from '../../../shared/review/fields';
import { detectIdentifiers } from '../../../shared/review/identifiers';
import { notFound } from '../errors';

export interface ItemRow {
  id: number;
  project_id: number;
  case_id: number;
  case_name: string;
  slide_id: number;
  slide_name: string;
  kind: ItemKind;
  source: 'slide' | 'behavior' | 'model';
  source_key: string;
  session_id: number | null;
  session_user_name: string | null;
  command_key: string | null;
  magnification: number | null;
  box: string | null;
  high_power: string;
  duration_ms: number | null;
  visits: number | null;
  start_ms: number | null;
  model_name: string | null;
  model_version: string | null;
  score: number | null;
  confidence: number | null;
  uncertainty: number | null;
  abstain: number;
  ordinal: number;
  facts: string | null;
  embedding: string | null;
  measured_box: string | null;
  withdrawn_at: string | null;
  created_at: string;
  updated_at: string;
}

export const ITEM_SELECT = `SELECT i.*, c.name AS case_name, s.name AS slide_name, u.name AS session_user_name
  FROM review_items i JOIN cases c ON c.id = i.case_id JOIN slides s ON s.id = i.slide_id
  LEFT JOIN sessions se ON se.id = i.session_id LEFT JOIN users u ON u.id = se.user_id`;

export interface DraftRow {
  id: number;
  item_id: number;
  backend: string;
  backend_version: string;
  model_name: string;
  model_version: string;
  fields: string;
  retrieved_from: number | null;
  retrieval_similarity: number | null;
  created_at: string;
}

export interface ReviewRow {
  id: number;
  item_id: number;
  draft_id: number | null;
  reviewer_id: number;
  reviewer_name: string;
  mode: 'review' | 'manual';
  decision: 'accept' | 'edit' | 'reject';
  final: string;
  elapsed_ms: number;
  keystrokes: string;
  edit_distance: string;
  backend: string | null;
  backend_version: string | null;
  model_name: string | null;
  model_version: string | null;
  box: string | null;
  created_at: string;
}

export const boxOf = (r: Pick<ItemRow, 'box'>): Box | null => (r.box ? (JSON.parse(r.box) as Box) : null);
export const highPowerOf = (r: Pick<ItemRow, 'high_power'>): HighPowerLook[] => JSON.parse(r.high_power) as HighPowerLook[];
export const itemFields = (r: Pick<ItemRow, 'kind' | 'high_power'>): RationaleField[] => fieldsFor(r.kind, highPowerOf(r).length > 0);

export function toDraft(d: DraftRow): Draft {
  return {
    id: d.id,
    itemId: d.item_id,
    backend: d.backend,
    backendVersion: d.backend_version,
    modelName: d.model_name,
    modelVersion: d.model_version,
    fields: JSON.parse(d.fields) as Record<string, string>,
    retrievedFrom: d.retrieved_from === null ? null : { itemId: d.retrieved_from, similarity: d.retrieval_similarity ?? 0 },
    createdAt: d.created_at,
  };
}

export function toReview(r: ReviewRow): Review {
  return {
    id: r.id,
    itemId: r.item_id,
    draftId: r.draft_id,
    reviewerId: r.reviewer_id,
    reviewerName: r.reviewer_name,
    mode: r.mode,
    decision: r.decision,
    final: JSON.parse(r.final) as Record<string, string>,
    elapsedMs: r.elapsed_ms,
    keystrokes: JSON.parse(r.keystrokes) as Record<string, number>,
    editDistance: JSON.parse(r.edit_distance) as Record<string, number>,
    backend: r.backend,
    backendVersion: r.backend_version,
    modelName: r.model_name,
    modelVersion: r.model_version,
    createdAt: r.created_at,
  };
}

/** The latest draft of each item of a project (or of the given items). */
export function latestDrafts(db: Database, projectId: number): Map<number, DraftRow> {
  const rows = db
    .prepare(
      `SELECT d.* FROM review_drafts d JOIN (SELECT item_id, MAX(d2.id) AS id FROM review_drafts d2 JOIN review_items i ON i.id = d2.item_id
        WHERE i.project_id = ? GROUP BY item_id) m ON m.id = d.id`,
    )
    .all(projectId) as DraftRow[];
  return new Map(rows.map((r) => [r.item_id, r]));
}

/** The latest review of each item of a project: it is the item's decision. */
export function latestReviews(db: Database, projectId: number): Map<number, ReviewRow> {
  const rows = db
    .prepare(
      `SELECT r.*, u.name AS reviewer_name FROM reviews r JOIN users u ON u.id = r.reviewer_id
       JOIN (SELECT item_id, MAX(r2.id) AS id FROM reviews r2 JOIN review_items i ON i.id = r2.item_id WHERE i.project_id = ? GROUP BY item_id) m ON m.id = r.id`,
    )
    .all(projectId) as ReviewRow[];
  return new Map(rows.map((r) => [r.item_id, r]));
}

export function latestDraftOf(db: Database, itemId: number): DraftRow | undefined {
  return db.prepare('SELECT * FROM review_drafts WHERE item_id = ? ORDER BY id DESC LIMIT 1').get(itemId) as DraftRow | undefined;
}

export function latestReviewOf(db: Database, itemId: number): ReviewRow | undefined {
  return db.prepare('SELECT r.*, u.name AS reviewer_name FROM reviews r JOIN users u ON u.id = r.reviewer_id WHERE r.item_id = ? ORDER BY r.id DESC LIMIT 1').get(itemId) as ReviewRow | undefined;
}

export function getItemRow(db: Database, itemId: number): ItemRow {
  const row = db.prepare(`${ITEM_SELECT} WHERE i.id = ?`).get(itemId) as ItemRow | undefined;
  if (!row) throw notFound('Review item', itemId);
  return row;
}

/** The names a project's texts are checked for. */
export function projectNames(db: Database, projectId: number): string[] {
  const row = db.prepare('SELECT names FROM project_deid WHERE project_id = ?').get(projectId) as { names: string } | undefined;
  return row ? (JSON.parse(row.names) as string[]) : [];
}

export function flagsIn(texts: Record<string, string>, names: readonly string[]): IdentifierFlag[] {
  const out: IdentifierFlag[] = [];
  for (const [field, text] of Object.entries(texts)) {
    for (const s of detectIdentifiers(text, names)) out.push({ field: field as RationaleField, kind: s.kind, start: s.start, end: s.end, text: s.text });
  }
  return out;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The measured facts behind a draft, for the chips beside it. */
export function displayFacts(row: Pick<ItemRow, 'kind' | 'facts'>): MeasuredFact[] {
  if (!row.facts) return [];
  if (row.kind === 'impression') {
    const f = JSON.parse(row.facts) as ImpressionFacts;
    return [
      { label: 'Tissue', value: pct(f.slide.tissueFraction) },
      { label: 'Haematoxylin OD', value: f.slide.haematoxylinOd.toFixed(2) },
      { label: 'DAB-positive', value: pct(f.slide.dabPositiveFraction) },
      { label: 'Regions', value: String(f.inspects + f.peeks + f.proposals) },
    ];
  }
  const f = JSON.parse(row.facts) as RegionFacts;
  const out: MeasuredFact[] = [
    { label: 'Magnification', value: formatMagnification(f.magnification) },
    { label: 'Tissue', value: pct(f.region.tissueFraction) },
    { label: 'Haematoxylin OD', value: f.region.haematoxylinOd.toFixed(2) },
    { label: 'DAB-positive', value: pct(f.region.dabPositiveFraction) },
    { label: 'Nuclear density', value: f.region.nuclearDensity.toFixed(3) },
    { label: 'Texture', value: f.region.texture.toFixed(2) },
  ];
  if (f.dwellMs !== null) out.push({ label: 'Dwell', value: `${formatSeconds(f.dwellMs)}${f.visits && f.visits > 1 ? ` (${f.visits} visits)` : ''}` });
  if (f.model) out.push({ label: 'Model score', value: f.model.score === null ? '—' : f.model.score.toFixed(2) });
  return out;
}

function resourceUrl(row: ItemRow, what: string): string {
  return `${RESOURCE_PREFIX}review/items/${row.id}/${what}?v=${encodeURIComponent(row.updated_at)}`;
}

export function toItem(row: ItemRow, draft: DraftRow | undefined, review: ReviewRow | undefined, names: readonly string[]): ReviewItem {
  const hp = highPowerOf(row);
  const d = draft ? toDraft(draft) : null;
  const r = review ? toReview(review) : null;
  const texts = r ? r.final : (d?.fields ?? {});
  return {
    id: row.id,
    projectId: row.project_id,
    caseId: row.case_id,
    caseName: row.case_name,
    slideId: row.slide_id,
    slideName: row.slide_name,
    kind: row.kind,
    source: row.source,
    sessionId: row.session_id,
    sessionUserName: row.session_user_name,
    commandKey: row.command_key,
    magnification: row.magnification,
    box: boxOf(row),
    highPower: hp,
    durationMs: row.duration_ms,
    visits: row.visits,
    startMs: row.start_ms,
    model:
      row.model_name === null
        ? null
        : { name: row.model_name, version: row.model_version ?? '', score: row.score, confidence: row.confidence, uncertainty: row.uncertainty, abstain: row.abstain === 1 },
    fields: itemFields(row),
    ordinal: row.ordinal,
    withdrawn: row.withdrawn_at !== null,
    facts: displayFacts(row),
    draft: d,
    review: r,
    flags: flagsIn(texts, names),
    images: {
      thumbnail: resourceUrl(row, 'thumbnail.jpg'),
      region: row.kind === 'impression' ? null : resourceUrl(row, 'region.jpg'),
      highPower: hp.map((_, k) => resourceUrl(row, `high/${k}.jpg`)),
    },
  };
}
