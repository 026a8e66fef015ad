import type { Database } from 'better-sqlite3';
import type { ImpressionFacts, RegionFacts } from '../../../shared/review/compose';
import { measureRegion, type RegionMeasurement, type StainMeasure } from '../../../shared/review/measure';
import { appendAudit } from '../audit/audit';
import { boxOf, highPowerOf, type ItemRow } from './itemRows';
import { measurementPixels, readCrop, readThumbnail, type PixelSource } from './regionImages';

/** Side of the crop a region is read at before it is measured. */
const MEASURE_READ_SIDE = 512;

export async function measureBox(src: PixelSource, box: [number, number, number, number], magnification: number): Promise<RegionMeasurement> {
  const crop = await readCrop(src, box, magnification, MEASURE_READ_SIDE);
  const px = await measurementPixels(crop);
  return measureRegion(px.rgb, px.width, px.height);
}

export async function measureSlide(src: PixelSource): Promise<StainMeasure> {
  const t = await readThumbnail(src, 512);
  const px = await measurementPixels(t.image);
  return measureRegion(px.rgb, px.width, px.height).measure;
}

/** Rank of each region item's dwell among the regions of its session (1 = longest). */
function dwellRank(db: Database, row: ItemRow): { rank: number; of: number; tied: boolean } | null {
  if (row.session_id === null || row.duration_ms === null) return null;
  const durations = db
    .prepare("SELECT duration_ms FROM review_items WHERE session_id = ? AND slide_id = ? AND kind != 'impression' AND withdrawn_at IS NULL AND duration_ms IS NOT NULL")
    .pluck()
    .all(row.session_id, row.slide_id) as number[];
  const mine = row.duration_ms;
  return { rank: 1 + durations.filter((d) => d > mine).length, of: durations.length, tied: durations.filter((d) => d === mine).length > 1 };
}

/** Measures a region item on its slide and stores its facts and embedding (the facts its draft is composed from). */
export async function measureRegionItem(db: Database, actorId: number | null, row: ItemRow, src: PixelSource, slide: StainMeasure): Promise<RegionFacts> {
  const box = boxOf(row)!;
  const magnification = row.magnification ?? 10;
  const m = await measureBox(src, box, magnification);
  const highPower = [];
  for (const hp of highPowerOf(row)) highPower.push({ magnification: hp.magnification, measure: (await measureBox(src, hp.box, hp.magnification)).measure, dwellMs: hp.durationMs });
  const mpp = src.mpp?.x ?? null;
  const facts: RegionFacts = {
    kind: row.kind === 'peek' ? 'peek' : 'inspect',
    source: row.source === 'model' ? 'model' : 'behavior',
    magnification,
    box,
    sizeUm: mpp ? { w: (box[2] - box[0]) * mpp, h: (box[3] - box[1]) * mpp } : null,
    dwellMs: row.duration_ms,
    visits: row.visits,
    dwellRank: dwellRank(db, row),
    model: row.model_name === null ? null : { name: row.model_name, version: row.model_version ?? '', score: row.score, confidence: row.confidence, abstain: row.abstain === 1 },
    region: m.measure,
    slide,
    highPower,
  };
  storeFacts(db, actorId, row, facts, m.embedding);
  return facts;
}

/** Measures a slide's first-impression item: the thumbnail's stain and what was looked at on the slide. */
export function impressionFacts(db: Database, actorId: number | null, row: ItemRow, src: PixelSource, slide: StainMeasure): ImpressionFacts {
  const regions = db.prepare("SELECT kind, source, magnification, high_power, duration_ms FROM review_items WHERE slide_id = ? AND project_id = ? AND kind != 'impression' AND withdrawn_at IS NULL").all(row.slide_id, row.project_id) as Array<
    Pick<ItemRow, 'kind' | 'source' | 'magnification' | 'high_power' | 'duration_ms'>
  >;
  const mpp = src.mpp?.x ?? null;
  let peeks = 0;
  const magnifications: number[] = [];
  let totalDwellMs = 0;
  for (const r of regions) {
    if (r.source === 'model') continue;
    const hp = highPowerOf(r);
    peeks += hp.length + (r.kind === 'peek' ? 1 : 0);
    if (r.magnification !== null) magnifications.push(r.magnification);
    magnifications.push(...hp.map((h) => h.magnification));
    totalDwellMs += (r.duration_ms ?? 0) + hp.reduce((s, h) => s + (h.durationMs ?? 0), 0);
  }
  const facts: ImpressionFacts = {
    slide,
    sizeMm: mpp ? { w: (src.width * mpp) / 1000, h: (src.height * mpp) / 1000 } : null,
    inspects: regions.filter((r) => r.kind === 'inspect' && r.source === 'behavior').length,
    peeks,
    proposals: regions.filter((r) => r.source === 'model').length,
    totalDwellMs,
    magnifications,
  };
  storeFacts(db, actorId, row, facts, null);
  return facts;
}

function storeFacts(db: Database, actorId: number | null, row: ItemRow, facts: RegionFacts | ImpressionFacts, embedding: number[] | null): void {
  db.transaction(() => {
    db.prepare('UPDATE review_items SET facts = ?, embedding = ?, measured_box = ? WHERE id = ?').run(JSON.stringify(facts), embedding ? JSON.stringify(embedding) : null, row.box, row.id);
    appendAudit(db, { actorId, action: 'review.item.measure', entity: 'review_item', entityId: row.id, after: { box: row.box } });
  })();
  row.facts = JSON.stringify(facts);
  row.embedding = embedding ? JSON.stringify(embedding) : null;
  row.measured_box = row.box;
}
