import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWaveform, type CallOutput, type LibraryFile, type OpenedVideo } from '../../../shared/contract';
import { probe } from '../../../electron/core/video/probe';
import { feedbackVideoPath, VIDEO_DURATION_MS } from '../../fixtures/video/feedbackVideo';
import { call } from '../../support/tempCore';
import { auditRows, bodyOf, videoSetup } from './setup';

type Library = CallOutput<'video.library'>;

function storedMetadata(dataDir: string, videoId: number) {
  const db = new Database(join(dataDir, 'sightline.db'), { readonly: true });
  try {
    return db.prepare('SELECT duration_ms, width, height FROM videos WHERE id = ?').get(videoId);
  } finally {
    db.close();
  }
}

describe.each([
  { ext: 'mov', format: 'quicktime', container: /mov/, codec: 'h264', audio: 'aac' },
  { ext: 'mkv', format: 'matroska', container: /matroska/, codec: 'vp9', audio: 'opus' },
] as const)('$ext files', ({ ext, format, container, codec, audio }) => {
  it('probe, import with stored metadata, and the media, thumbnail and waveform resources', async () => {
    const path = await feedbackVideoPath(ext);
    const info = await probe(path);
    expect(info).toMatchObject({ width: 320, height: 240, fps: 25, hasVideo: true, hasAudio: true, codec, audioCodec: audio });
    expect(info.container).toMatch(container);
    expect(Math.abs(info.durationMs - VIDEO_DURATION_MS)).toBeLessThan(100);

    const s = await videoSetup(ext);
    const [file] = await call<LibraryFile[]>(s.core, 'files.list', { caseId: s.caseId });
    expect(file).toMatchObject({ kind: 'video', format, name: `feedback-video-v2.${ext}` });
    expect(storedMetadata(s.dataDir, s.videoId)).toEqual({ duration_ms: null, width: null, height: null });

    // The library's case view asks once: the video is probed and the figures are kept in the library.
    const [shown] = await call<Library>(s.core, 'video.library', { caseId: s.caseId }, s.userId);
    expect(shown).toMatchObject({ videoId: s.videoId, width: 320, height: 240, problem: null, thumbnail: `/res/videos/${s.videoId}/thumb/1000.jpg` });
    expect(Math.abs(shown.durationMs! - VIDEO_DURATION_MS)).toBeLessThan(100);
    expect(storedMetadata(s.dataDir, s.videoId)).toEqual({ duration_ms: shown.durationMs, width: 320, height: 240 });
    const opened = await call<OpenedVideo>(s.core, 'video.open', { videoId: s.videoId }, s.userId);
    expect(opened.media).toMatchObject({ codec, audioCodec: audio, durationMs: shown.durationMs });
    await call<Library>(s.core, 'video.library', { caseId: s.caseId }, s.userId);
    expect(auditRows(s.dataDir, 'video').map((r) => r.action)).toEqual(['add', 'probe']);

    const bytes = readFileSync(path);
    const part = await s.core.resource(`videos/${s.videoId}/media`, undefined, { range: 'bytes=0-1023' });
    expect(part.status).toBe(206);
    expect(part.headers['Content-Range']).toBe(`bytes 0-1023/${bytes.length}`);
    expect((await bodyOf(part.body)).equals(bytes.subarray(0, 1024))).toBe(true);
    const thumb = await s.core.resource(shown.thumbnail!.replace('/res/', ''));
    expect(thumb.headers['Content-Type']).toBe('image/jpeg');
    expect((await bodyOf(thumb.body)).subarray(0, 2).toString('hex')).toBe('ffd8');
    const wave = decodeWaveform(await bodyOf((await s.core.resource(`videos/${s.videoId}/waveform.bin`)).body));
    expect(Math.abs(wave.min.length * wave.bucketMs - VIDEO_DURATION_MS)).toBeLessThan(100);
    s.core.close();
  }, 60_000);
});

describe('video.library', () => {
  it('says why a video cannot be read, and stores nothing for it', async () => {
    const s = await videoSetup('mp4');
    const db = new Database(join(s.dataDir, 'sightline.db'));
    db.prepare("UPDATE videos SET path = '/nowhere/case.mp4' WHERE id = ?").run(s.videoId);
    db.close();
    const [row] = await call<Library>(s.core, 'video.library', { caseId: s.caseId }, s.userId);
    expect(row).toMatchObject({ videoId: s.videoId, durationMs: null, thumbnail: null, problem: expect.stringMatching(/no longer at \/nowhere\/case\.mp4/) });
    expect(storedMetadata(s.dataDir, s.videoId)).toEqual({ duration_ms: null, width: null, height: null });
    s.core.close();
  });
});
