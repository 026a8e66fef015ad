import { createReadStream } from 'node:fs';
import { VIDEOS_RESOURCE_ROOT, type ErrorCode } from '../../../shared/contract';
import { CoreError } from '../errors';
import { textResponse, type ResourceHandler, type ResourceResponse } from '../resources/resources';
import { thumbnailJpeg } from '../video/frames';
import { parseByteRange } from './byteRange';
import { videoContext, type VideoContext } from './instanceRows';
import { mimeTypeOf, probeVideo, videoFileStat } from './openVideo';
import { videoWaveform } from './waveformCache';

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

const ROUTE = /^(\d{1,9})\/(media|waveform\.bin|thumb\/(\d{1,9})\.jpg)$/;
const THUMB_WIDTH = 160;
const THUMBS_KEPT = 300;
const thumbs = new Map<string, Buffer>();

/** The file itself, whole or the byte range asked for, streamed from disk. */
function media(v: VideoContext, range: string | undefined, signal: AbortSignal): ResourceResponse {
  const { size, mtimeMs } = videoFileStat(v);
  const common = {
    'Content-Type': mimeTypeOf(v.format),
    'Accept-Ranges': 'bytes',
    ETag: `"${v.sha256.slice(0, 16)}-${size}-${Math.round(mtimeMs)}"`,
    'Cache-Control': 'private, no-cache',
  };
  const r = parseByteRange(range, size);
  if (r.kind === 'unsatisfiable') {
    return { status: 416, headers: { ...common, 'Content-Range': `bytes */${size}`, 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from(`The range ${range} lies outside the file (${size} bytes).`) };
  }
  const start = r.kind === 'partial' ? r.start : 0;
  const end = r.kind === 'partial' ? r.end : size - 1;
  if (size === 0) return { status: 200, headers: { ...common, 'Content-Length': '0' }, body: Buffer.alloc(0) };
  const body = createReadStream(v.path, { start, end });
  signal.addEventListener('abort', () => body.destroy(), { once: true });
  if (r.kind === 'full') return { status: 200, headers: { ...common, 'Content-Length': String(size) }, body };
  return { status: 206, headers: { ...common, 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${size}` }, body };
}

async function thumbnail(v: VideoContext, ms: number, signal: AbortSignal): Promise<ResourceResponse> {
  const key = `${v.sha256}:${ms}`;
  let jpeg = thumbs.get(key);
  if (!jpeg) {
    const info = await probeVideo(v, signal);
    jpeg = await thumbnailJpeg(v.path, ms, THUMB_WIDTH, { signal, info });
    thumbs.set(key, jpeg);
    if (thumbs.size > THUMBS_KEPT) thumbs.delete(thumbs.keys().next().value as string);
  }
  return { status: 200, headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, max-age=86400' }, body: jpeg };
}

/** /res/videos/<id>/media (Range), /res/videos/<id>/waveform.bin, /res/videos/<id>/thumb/<ms>.jpg. */
export const videosResourceHandler: ResourceHandler = {
  prefix: VIDEOS_RESOURCE_ROOT,
  async handle(path, deps, signal, headers) {
    const m = ROUTE.exec(path.slice(VIDEOS_RESOURCE_ROOT.length));
    if (!m) return textResponse(404, `No video resource at ${path}.`);
    try {
      const v = videoContext(deps.db, Number(m[1]));
      if (m[2] === 'media') return media(v, headers.range, signal);
      if (m[2] === 'waveform.bin') {
        const body = await videoWaveform(deps.dataDir, v);
        return { status: 200, headers: { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'private, max-age=86400' }, body };
      }
      return await thumbnail(v, Number(m[3]), signal);
    } catch (e) {
      if (e instanceof CoreError) return textResponse(STATUS[e.code] ?? 500, e.message);
      throw e;
    }
  },
};
