import type { Database } from 'better-sqlite3';
import type { DraftResult } from '../../../shared/contract/review';
import { composeImpression, composeRegion, formatMagnification } from '../../../shared/review/compose';
import { pickFields } from '../../../shared/review/fields';
import { nearest, type StainMeasure } from '../../../shared/review/measure';
import { appendAudit } from '../audit/audit';
import type { CallContext, CoreDeps } from '../context';
import { CoreError, notFound } from '../errors';
import { slideEngineFor } from '../slides/slideEngineRegistry';
import type { DraftImage, DraftingBackendImpl } from './backends/backend';
import { builtinBackend } from './backends/builtinBackend';
import { openaiBackend } from './backends/openaiBackend';
import { getDraftingSettings } from './draftingSettings';
import { boxOf, highPowerOf, ITEM_SELECT, itemFields, type ItemRow } from './itemRows';
import { impressionFacts, measureRegionItem, measureSlide } from './measureItems';
import { cropJpeg, encodeJpeg, readThumbnail, type PixelSource } from './regionImages';

/**
 * How alike two regions must be for the accepted rationale of one to start the draft of the other. Measured on
 * the slide fixtures (test/integration/review/retrieval.test.ts): other boxes of the same tissue and stain are
 * mostly above 0.93, and glass with a little tissue, or the same tissue in another stain, below it.
 */
export const RETRIEVAL_MIN_SIMILARITY = 0.93;
const IMAGE_SIDE = 768;

export function backendFromSettings(db: Database): DraftingBackendImpl {
  const s = getDraftingSettings(db);
  return s.backend === 'openai' ? openaiBackend(s) : builtinBackend();
}

interface Accepted {
  itemId: number;
  kind: string;
  embedding: number[];
  texts: Record<string, string>;
}

/** Reviewed regions of the project whose latest decision kept the text (accept or edit), with their embeddings. */
function acceptedPool(db: Database, projectId: number): Accepted[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.kind, i.embedding, r.final FROM review_items i
       JOIN reviews r ON r.id = (SELECT MAX(id) FROM reviews WHERE item_id = i.id)
       WHERE i.project_id = ? AND i.embedding IS NOT NULL AND r.decision IN ('accept', 'edit')`,
    )
    .all(projectId) as Array<{ id: number; kind: string; embedding: string; final: string }>;
  return rows.map((r) => ({ itemId: r.id, kind: r.kind, embedding: JSON.parse(r.embedding) as number[], texts: JSON.parse(r.final) as Record<string, string> }));
}

async function regionImages(src: PixelSource, row: ItemRow): Promise<DraftImage[]> {
  if (row.kind === 'impression') {
    const t = await readThumbnail(src, IMAGE_SIDE);
    return [{ caption: 'Low-power thumbnail of the whole slide.', jpeg: await encodeJpeg(t.image) }];
  }
  const mag = row.magnification ?? 10;
  const out: DraftImage[] = [{ caption: `The region at ${formatMagnification(mag)}.`, jpeg: await cropJpeg(src, boxOf(row)!, mag, IMAGE_SIDE) }];
  for (const hp of highPowerOf(row)) {
    out.push({ caption: `High-power view inside it at ${formatMagnification(hp.magnification)}.`, jpeg: await cropJpeg(src, hp.box, hp.magnification, IMAGE_SIDE) });
  }
  return out;
}

/**
 * Drafts the items of a project that have no draft (or the given ones, or all with `redraft`), slide by slide:
 * measures each region on its slide, composes the facts, looks up the most similar accepted rationale, and asks
 * the configured backend. Each draft is stored (and audited) as it is made, so cancelling keeps the work done.
 */
export async function draftItems(deps: CoreDeps, ctx: CallContext, input: { projectId: number; itemIds?: number[]; redraft: boolean }): Promise<DraftResult> {
  const { db } = deps;
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(input.projectId)) throw notFound('Project', input.projectId);
  const backend = backendFromSettings(db);
  const wanted = input.itemIds ? new Set(input.itemIds) : null;
  const rows = (db.prepare(`${ITEM_SELECT} WHERE i.project_id = ? AND i.withdrawn_at IS NULL ORDER BY i.slide_id, i.kind = 'impression', i.ordinal, i.id`).all(input.projectId) as ItemRow[]).filter(
    (r) => (wanted ? wanted.has(r.id) : true),
  );
  if (wanted && rows.length < wanted.size) {
    const found = new Set(rows.map((r) => r.id));
    const missing = [...wanted].filter((id) => !found.has(id));
    throw new CoreError('NOT_FOUND', `Review item${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not in this project (or withdrawn).`);
  }
  const hasDraft = new Set(db.prepare('SELECT DISTINCT d.item_id FROM review_drafts d JOIN review_items i ON i.id = d.item_id WHERE i.project_id = ?').pluck().all(input.projectId) as number[]);
  const todo = rows.filter((r) => input.redraft || !hasDraft.has(r.id));
  const result: DraftResult = {
    drafted: 0,
    skipped: rows.length - todo.length,
    failed: [],
    backend: backend.id,
    backendVersion: backend.version,
    modelName: backend.modelName,
    modelVersion: backend.modelVersion,
  };
  const pool = acceptedPool(db, input.projectId);
  const engine = slideEngineFor(deps);
  const slideMeasures = new Map<number, StainMeasure>();
  const insert = db.prepare(
    `INSERT INTO review_drafts (item_id, backend, backend_version, model_name, model_version, fields, retrieved_from, retrieval_similarity, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const label = `Drafting rationales (${backend.id === 'builtin' ? 'built-in' : backend.modelName})`;
  ctx.progress(0, todo.length, label);
  for (let i = 0; i < todo.length; i++) {
    if (ctx.signal.aborted) throw new CoreError('CANCELLED', `Drafting was cancelled after ${result.drafted} of ${todo.length} items (those drafts are kept).`);
    const row = todo[i];
    try {
      const src = (await engine.byId(db, row.slide_id)).reader;
      let slide = slideMeasures.get(row.slide_id);
      if (!slide) {
        slide = await measureSlide(src);
        slideMeasures.set(row.slide_id, slide);
      }
      const fields = itemFields(row);
      let composed;
      let retrieved = null;
      if (row.kind === 'impression') composed = composeImpression(impressionFacts(db, ctx.actorId, row, src, slide));
      else {
        composed = composeRegion(await measureRegionItem(db, ctx.actorId, row, src, slide));
        const hit = nearest(JSON.parse(row.embedding!) as number[], pool.filter((p) => p.kind === row.kind && p.itemId !== row.id), RETRIEVAL_MIN_SIMILARITY);
        if (hit) retrieved = { itemId: hit.candidate.itemId, similarity: hit.similarity, texts: hit.candidate.texts };
      }
      const reply = await backend.draft({ itemId: row.id, fields, composed, retrieved, images: () => regionImages(src, row), signal: ctx.signal });
      const texts = pickFields(reply.texts, fields);
      const modelVersion = reply.modelVersion ?? backend.modelVersion;
      db.transaction(() => {
        const id = Number(
          insert.run(row.id, backend.id, backend.version, backend.modelName, modelVersion, JSON.stringify(texts), retrieved?.itemId ?? null, retrieved?.similarity ?? null, ctx.actorId, new Date().toISOString()).lastInsertRowid,
        );
        appendAudit(db, { actorId: ctx.actorId, action: 'review.draft.create', entity: 'review_draft', entityId: id, after: { itemId: row.id, backend: backend.id, modelVersion, retrievedFrom: retrieved?.itemId ?? null } });
      })();
      result.drafted++;
    } catch (e) {
      if (ctx.signal.aborted || (e instanceof CoreError && e.code === 'CANCELLED')) {
        throw new CoreError('CANCELLED', `Drafting was cancelled after ${result.drafted} of ${todo.length} items (those drafts are kept).`);
      }
      // A server that is down fails every item the same way: stop rather than wait out each timeout, and say so
      // (the drafts made so far are already stored).
      if (e instanceof CoreError && (e.code === 'UNAVAILABLE' || e.code === 'FORBIDDEN') && backend.id === 'openai') {
        if (result.drafted === 0) throw e;
        throw new CoreError(
          e.code,
          `${e.message} Drafting stopped after ${result.drafted} of ${todo.length} item${todo.length === 1 ? '' : 's'}; the ${result.drafted} draft${result.drafted === 1 ? ' made is' : 's made are'} kept, and drafting again continues with the rest.`,
        );
      }
      result.failed.push({ itemId: row.id, message: e instanceof Error ? e.message : String(e) });
    }
    ctx.progress(i + 1, todo.length, label);
  }
  return result;
}
