import { createHash } from 'node:crypto';
import type { CoreDeps } from '../context';
import { CoreError } from '../errors';
import { textResponse, type ResourceHandler, type ResourceResponse } from '../resources/resources';
import { LruCache } from '../slides/lruCache';
import { slideEngineFor } from '../slides/slideEngineRegistry';
import { boxOf, getItemRow, highPowerOf, type ItemRow } from './itemRows';
import { cropJpeg, readThumbnail, thumbnailWithBoxes, type DrawnBox } from './regionImages';

export const REVIEW_RESOURCE_ROOT = 'review/';
const PATH = /^review\/items\/(\d{1,12})\/(thumbnail|region|high\/(\d{1,4}))\.jpg$/;
const CROP_SIDE = 1024;

const caches = new WeakMap<CoreDeps['db'], LruCache<Buffer>>();
function cacheFor(deps: CoreDeps): LruCache<Buffer> {
  let c = caches.get(deps.db);
  if (!c) {
    c = new LruCache<Buffer>(48 * 1024 * 1024, (b) => b.length);
    caches.set(deps.db, c);
  }
  return c;
}

export const BOX_COLOURS = { inspect: '#1f77b4', peek: '#d62728', other: '#7f7f7f' } as const;

function boxesFor(deps: CoreDeps, row: ItemRow): DrawnBox[] {
  if (row.kind !== 'impression') {
    const own: DrawnBox[] = [{ box: boxOf(row)!, label: '', colour: row.kind === 'peek' ? BOX_COLOURS.peek : BOX_COLOURS.inspect }];
    return own.concat(highPowerOf(row).map((h) => ({ box: h.box, label: '', colour: BOX_COLOURS.peek })));
  }
  const regions = deps.db
    .prepare("SELECT kind, box FROM review_items WHERE slide_id = ? AND project_id = ? AND kind != 'impression' AND withdrawn_at IS NULL ORDER BY ordinal, id")
    .all(row.slide_id, row.project_id) as Array<Pick<ItemRow, 'kind' | 'box'>>;
  return regions.map((r, i) => ({ box: boxOf(r)!, label: String(i + 1), colour: r.kind === 'peek' ? BOX_COLOURS.peek : BOX_COLOURS.inspect }));
}

async function render(deps: CoreDeps, row: ItemRow, what: string, hp: number | null, boxes: DrawnBox[]): Promise<Buffer | null> {
  const src = (await slideEngineFor(deps).byId(deps.db, row.slide_id)).reader;
  if (what === 'thumbnail') return thumbnailWithBoxes(await readThumbnail(src, 768), boxes);
  if (what === 'region') return row.kind === 'impression' ? null : cropJpeg(src, boxOf(row)!, row.magnification ?? 10, CROP_SIDE);
  const look = highPowerOf(row)[hp ?? -1];
  return look ? cropJpeg(src, look.box, look.magnification, CROP_SIDE) : null;
}

/** Images of review items under /res/review/: the slide thumbnail with the box, the region crop, its high-power crops. */
export const reviewResourceHandler: ResourceHandler = {
  prefix: REVIEW_RESOURCE_ROOT,
  async handle(path, deps, signal): Promise<ResourceResponse | null> {
    const m = PATH.exec(path);
    if (!m) return textResponse(404, `No review resource at ${path}.`);
    try {
      const row = getItemRow(deps.db, Number(m[1]));
      const what = m[2].startsWith('high/') ? 'high' : m[2];
      const boxes = what === 'thumbnail' ? boxesFor(deps, row) : [];
      // The boxes drawn on a slide's thumbnail change with the other items of the slide, not only with this one.
      const drawn = createHash('sha1').update(JSON.stringify(boxes)).digest('base64url').slice(0, 12);
      const key = `${row.id}:${row.updated_at}:${m[2]}:${drawn}`;
      const cache = cacheFor(deps);
      let body = cache.get(key);
      if (!body) {
        if (signal.aborted) return textResponse(499, 'Cancelled.');
        const made = await render(deps, row, what, m[3] === undefined ? null : Number(m[3]), boxes);
        if (!made) return textResponse(404, `Review item ${row.id} has no ${m[2]} image.`);
        body = made;
        cache.set(key, body);
      }
      return { status: 200, headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, max-age=3600' }, body };
    } catch (e) {
      if (e instanceof CoreError) return textResponse(e.code === 'NOT_FOUND' || e.code === 'FILE_NOT_FOUND' ? 404 : e.code === 'UNAVAILABLE' ? 503 : 422, e.message);
      throw e;
    }
  },
};
