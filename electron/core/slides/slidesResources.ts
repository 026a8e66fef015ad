import { parseSlideResource, SLIDES_RESOURCE_ROOT } from '../../../shared/slides/tileUrls';
import type { ErrorCode } from '../../../shared/contract';
import { CoreError } from '../errors';
import { textResponse, type ResourceHandler, type ResourceResponse } from '../resources/resources';
import { etagOf } from './deepZoomServer';
import { slideEngineFor } from './slideEngineRegistry';

const CACHE_CONTROL = 'private, max-age=86400';

const STATUS: Partial<Record<ErrorCode, number>> = {
  NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  INVALID_INPUT: 400,
  UNSUPPORTED_FILE: 415,
  CORRUPT_FILE: 422,
  FILE_UNREADABLE: 422,
  UNAVAILABLE: 503,
  CANCELLED: 499,
};

function image(body: Buffer, type: string, etag: string): ResourceResponse {
  return { status: 200, headers: { 'Content-Type': type, 'Cache-Control': CACHE_CONTROL, ETag: etag }, body };
}

/** Tiles, DZI, thumbnails and associated images of library slides, under /res/slides/. */
export const slidesResourceHandler: ResourceHandler = {
  prefix: SLIDES_RESOURCE_ROOT,
  async handle(path, deps, signal) {
    const res = parseSlideResource(path);
    if (!res) return textResponse(404, `No slide resource at ${path}.`);
    try {
      const s = await slideEngineFor(deps).byId(deps.db, res.slideId);
      if (signal.aborted) return textResponse(499, 'Cancelled.');
      const etag = (what: string) => etagOf(s.version, s.slideId, what);
      switch (res.kind) {
        case 'tile': {
          const t = await s.dz.tile(res.level, res.col, res.row, res.ext);
          return image(t.body, res.ext === 'png' ? 'image/png' : 'image/jpeg', etag(`${res.level}/${res.col}_${res.row}.${res.ext}`));
        }
        case 'dzi':
          return { status: 200, headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': CACHE_CONTROL, ETag: etag('dzi') }, body: Buffer.from(s.dz.dziXml()) };
        case 'thumbnail':
          return image(await s.dz.thumbnail(), 'image/jpeg', etag('thumbnail'));
        case 'assoc':
          return image(await s.dz.associated(res.name), 'image/jpeg', etag(`assoc/${res.name}`));
      }
    } catch (e) {
      if (e instanceof CoreError) return textResponse(STATUS[e.code] ?? 500, e.message);
      throw e;
    }
  },
};
