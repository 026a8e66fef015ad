import type { Database } from 'better-sqlite3';
import { RESOURCE_PREFIX, videoThumbnailTemplate, type CallOutput } from '../../../shared/contract';
import type { CallContext } from '../context';
import { CoreError } from '../errors';
import { videosOfCase, type VideoContext } from './instanceRows';
import { probeVideo, storeMetadata } from './openVideo';

interface StoredMetadata {
  duration_ms: number | null;
  width: number | null;
  height: number | null;
}

/** Where the library's still of a video is taken: 1 s in, or the middle of a shorter one. */
export function libraryThumbnailMs(durationMs: number): number {
  return Math.max(0, Math.min(1000, Math.floor(durationMs / 2)));
}

function problemOf(e: unknown): string {
  if (e instanceof CoreError) return e.message;
  return `ffmpeg could not read it (${(e as Error).message}).`;
}

/**
 * The library's view of a case's videos: duration, picture size and a thumbnail. Each video is probed with ffmpeg
 * the first time it is shown (or opened) and the figures are kept in the videos table.
 */
export async function videoLibrary(db: Database, ctx: CallContext, caseId: number): Promise<CallOutput<'video.library'>> {
  const out: CallOutput<'video.library'> = [];
  for (const v of videosOfCase(db, caseId)) {
    if (ctx.signal.aborted) break;
    const stored = db.prepare('SELECT duration_ms, width, height FROM videos WHERE id = ?').get(v.id) as StoredMetadata;
    let meta = stored.duration_ms === null ? null : { durationMs: stored.duration_ms, width: stored.width ?? 0, height: stored.height ?? 0 };
    let problem: string | null = null;
    if (!meta) {
      try {
        const info = await probeVideo(v as VideoContext, ctx.signal);
        storeMetadata(db, ctx.actorId, v.id, info);
        meta = { durationMs: info.durationMs, width: info.width, height: info.height };
      } catch (e) {
        problem = problemOf(e);
      }
    }
    out.push({
      videoId: v.id,
      durationMs: meta?.durationMs ?? null,
      width: meta?.width ?? null,
      height: meta?.height ?? null,
      thumbnail: meta && meta.width > 0 ? RESOURCE_PREFIX + videoThumbnailTemplate(v.id).replace('{ms}', String(libraryThumbnailMs(meta.durationMs))) : null,
      problem,
    });
  }
  return out;
}
