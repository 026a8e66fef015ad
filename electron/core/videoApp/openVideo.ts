import { statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { RESOURCE_PREFIX, videoMediaPath, videoThumbnailTemplate, videoWaveformPath, type VideoMedia } from '../../../shared/contract';
import { appendAudit } from '../audit/audit';
import { CoreError } from '../errors';
import type { Handlers } from '../dispatch/handlers';
import { probe, type MediaInfo } from '../video/probe';
import type { VideoContext } from './instanceRows';
import { videoContext } from './instanceRows';
import { projectVocabulary } from './vocabulary';

const MIME: Record<string, string> = {
  mp4: 'video/mp4',
  // Chromium plays H.264 in a QuickTime file when it is offered as MP4.
  quicktime: 'video/mp4',
  webm: 'video/webm',
  matroska: 'video/x-matroska',
};

export function mimeTypeOf(format: string): string {
  return MIME[format] ?? 'application/octet-stream';
}

const probed = new Map<string, { key: string; info: Promise<MediaInfo> }>();

/** The library file's path, or a clear error when it moved away since it was added. */
export function videoFileStat(v: VideoContext): { size: number; mtimeMs: number } {
  try {
    const st = statSync(v.path);
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new CoreError('FILE_NOT_FOUND', `The file of "${v.name}" is no longer at ${v.path}. Move it back, or remove the video and add it again.`);
    }
    throw new CoreError('FILE_UNREADABLE', `Sightline cannot read ${v.path} (${code ?? (e as Error).message}).`);
  }
}

/** ffmpeg's view of a library video, probed once per file version (path, size, modification time). */
export function probeVideo(v: VideoContext, signal?: AbortSignal): Promise<MediaInfo> {
  const st = videoFileStat(v);
  const key = `${st.size}:${st.mtimeMs}`;
  const hit = probed.get(v.path);
  if (hit && hit.key === key) return hit.info;
  const info = probe(v.path, { signal });
  probed.set(v.path, { key, info });
  info.catch(() => probed.delete(v.path));
  return info;
}

export function mediaSummary(info: MediaInfo): VideoMedia {
  return {
    durationMs: info.durationMs,
    width: info.width,
    height: info.height,
    fps: info.fps,
    rotation: info.rotation,
    hasVideo: info.hasVideo,
    hasAudio: info.hasAudio,
    codec: info.codec,
    audioCodec: info.audioCodec,
    container: info.container,
  };
}

/** Stores what ffmpeg saw (duration, picture size) in the videos table when it differs from what is there (audited). */
export function storeMetadata(db: Database, actorId: number | null, videoId: number, info: Pick<MediaInfo, 'durationMs' | 'width' | 'height'>): void {
  const before = db.prepare('SELECT duration_ms, width, height FROM videos WHERE id = ?').get(videoId) as { duration_ms: number | null; width: number | null; height: number | null } | undefined;
  if (!before || (before.duration_ms === info.durationMs && before.width === info.width && before.height === info.height)) return;
  db.transaction(() => {
    db.prepare('UPDATE videos SET duration_ms = ?, width = ?, height = ? WHERE id = ?').run(info.durationMs, info.width, info.height, videoId);
    appendAudit(db, {
      actorId,
      action: 'probe',
      entity: 'video',
      entityId: videoId,
      before: { durationMs: before.duration_ms, width: before.width, height: before.height },
      after: { durationMs: info.durationMs, width: info.width, height: info.height },
    });
  })();
}

export const openVideoHandlers: Handlers<'video.open'> = {
  'video.open': async ({ videoId }, ctx, { db }) => {
    const v = videoContext(db, videoId);
    const info = await probeVideo(v, ctx.signal);
    storeMetadata(db, ctx.actorId, v.id, info);
    return {
      video: { id: v.id, caseId: v.caseId, caseName: v.caseName, projectId: v.projectId, name: v.name, format: v.format, sizeBytes: v.size },
      media: mediaSummary(info),
      urls: {
        media: RESOURCE_PREFIX + videoMediaPath(v.id),
        mimeType: mimeTypeOf(v.format),
        waveform: RESOURCE_PREFIX + videoWaveformPath(v.id),
        thumbnail: RESOURCE_PREFIX + videoThumbnailTemplate(v.id),
      },
      vocabulary: projectVocabulary(db, v.projectId).vocabulary,
    };
  },
};
