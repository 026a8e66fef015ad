import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewItem } from '../../../shared/contract';
import type { Box } from '../../../shared/review/dataset';
import { measureRegion, similarity, type RegionMeasurement } from '../../../shared/review/measure';
import { RETRIEVAL_MIN_SIMILARITY } from '../../../electron/core/review/draftItems';
import { measureBox } from '../../../electron/core/review/measureItems';
import { measurementPixels, readCrop } from '../../../electron/core/review/regionImages';
import { openSlideFile } from '../../../electron/core/slides/readers/openSlideFile';
import type { SlideReader } from '../../../electron/core/slides/readers/slideReader';
import { call } from '../../support/tempCore';
import { reviewSetup, type ReviewSetup } from './reviewSetup';

const OD = (v: number) => Math.log(256) - Math.log(v + 1);

/**
 * The same pixels in another stain: haematoxylin kept, the brown DAB turned into eosin's pink (Ruifrok & Johnston's
 * optical density vectors), as if the section had been stained H&E instead of IHC.
 */
function asHandE(rgb: Uint8Array): Uint8Array {
  const H = [0.65, 0.7, 0.29];
  const E = [0.07, 0.99, 0.11];
  const out = new Uint8Array(rgb.length);
  for (let i = 0; i < rgb.length; i += 3) {
    const [r, g, b] = [OD(rgb[i]), OD(rgb[i + 1]), OD(rgb[i + 2])];
    const h = Math.max(0, 1.88 * r - 0.07 * g - 0.6 * b);
    const d = Math.max(0, -0.55 * r - 0.13 * g + 1.57 * b);
    for (let c = 0; c < 3; c++) out[i + c] = Math.max(0, Math.min(255, Math.round(256 * Math.exp(-(h * H[c] + 1.2 * d * E[c])) - 1)));
  }
  return out;
}

interface Measured {
  box: Box;
  m: RegionMeasurement;
  inHandE: RegionMeasurement;
}

let s: ReviewSetup;
let reader: SlideReader;
/** Boxes at 10× (400 × 300 level-0 px on this 20× slide: the tissue islands of the fixture are small) tiling the slide. */
let grid: Measured[];
beforeAll(async () => {
  s = await reviewSetup();
  reader = await openSlideFile(join(s.dataDir, s.slides[0].fileName));
  grid = [];
  for (let y = 0; y + 300 <= reader.height; y += 300) {
    for (let x = 0; x + 400 <= reader.width; x += 400) {
      const box: Box = [x, y, x + 400, y + 300];
      const px = await measurementPixels(await readCrop(reader, box, 10, 512));
      grid.push({ box, m: await measureBox(reader, box, 10), inHandE: measureRegion(asHandE(px.rgb), px.width, px.height) });
    }
  }
});
afterAll(async () => {
  await reader?.close();
  s?.core.close();
});

const tissue = () => grid.filter((g) => g.m.measure.tissueFraction > 0.9);
/** Glass, some of it with a sliver of tissue at its edge. */
const glass = () => grid.filter((g) => g.m.measure.tissueFraction < 0.05);

describe('retrieval of accepted rationales by region embedding', () => {
  it('finds other boxes of the same tissue and stain similar, and glass or another stain not', () => {
    const t = tissue();
    const slivers = glass().filter((g) => g.m.measure.tissueFraction > 0);
    expect(t.length).toBeGreaterThanOrEqual(4);
    expect(slivers.length).toBeGreaterThanOrEqual(1);
    const pairs = t.flatMap((a, i) => t.slice(i + 1).map((b) => similarity(a.m.embedding, b.m.embedding)));
    const similarShare = pairs.filter((v) => v >= RETRIEVAL_MIN_SIMILARITY).length / pairs.length;
    expect(similarShare).toBeGreaterThanOrEqual(0.75);
    for (const a of t) {
      for (const g of glass()) expect(similarity(a.m.embedding, g.m.embedding)).toBeLessThan(RETRIEVAL_MIN_SIMILARITY);
      for (const b of t) expect(similarity(a.m.embedding, b.inHandE.embedding)).toBeLessThan(RETRIEVAL_MIN_SIMILARITY);
    }
  });

  it('starts the draft of another box of the same tissue from the accepted text, but not a box of glass', async () => {
    const t = tissue();
    const [first] = t;
    const far = t.reduce((best, g) => (Math.hypot(g.box[0] - first.box[0], g.box[1] - first.box[1]) > Math.hypot(best.box[0] - first.box[0], best.box[1] - first.box[1]) ? g : best));
    const empty = glass().find((g) => g.m.measure.tissueFraction > 0) ?? glass()[0];
    const propose = async (box: Box) =>
      (await call<{ itemIds: number[] }>(s.core, 'review.addProposals', { slideId: s.slides[0].slideId, model: { name: 'roi-proposer', version: '1.0.0' }, proposals: [{ box, score: 0.8 }] }, s.userId)).itemIds[0];
    const accepted = await propose(first.box);
    await call(s.core, 'review.draft', { projectId: s.projectId, itemIds: [accepted] }, s.userId);
    const a = await call<ReviewItem>(s.core, 'review.get', { itemId: accepted });
    const final = { why: 'Dense brown membranous staining across the glands.', findings: 'Strong, complete membrane staining.' };
    await call(s.core, 'review.submit', { itemId: accepted, draftId: a.draft!.id, mode: 'review', decision: 'edit', final, elapsedMs: 9000, keystrokes: {} }, s.userId);

    const similar = await propose(far.box);
    const other = await propose(empty.box);
    await call(s.core, 'review.draft', { projectId: s.projectId, itemIds: [similar, other] }, s.userId);
    const got = await call<ReviewItem>(s.core, 'review.get', { itemId: similar });
    expect(got.draft!.retrievedFrom?.itemId).toBe(accepted);
    expect(got.draft!.retrievedFrom!.similarity).toBeGreaterThanOrEqual(RETRIEVAL_MIN_SIMILARITY);
    expect(got.draft!.retrievedFrom!.similarity).toBeLessThan(0.999);
    expect(got.draft!.fields).toMatchObject(final);
    const none = await call<ReviewItem>(s.core, 'review.get', { itemId: other });
    expect(none.draft!.retrievedFrom).toBeNull();
    expect(none.draft!.fields.why).not.toBe(final.why);
  });
});
