import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWaveform, type OpenedVideo, type VideoInstance } from '../../../shared/contract';
import { parseByteRange } from '../../../electron/core/videoApp/byteRange';
import { startHost, type Host } from '../../../electron/host/server';
import { feedbackVideoPath, SPEECH_REMARKS, VIDEO_DURATION_MS } from '../../fixtures/video/feedbackVideo';
import { call, tempDir } from '../../support/tempCore';
import { bodyOf, failure, videoSetup, type VideoSetup } from './setup';

let s: VideoSetup;
let file: Buffer;
beforeAll(async () => {
  s = await videoSetup('webm');
  file = readFileSync(await feedbackVideoPath('webm'));
});
afterAll(() => s.core.close());

describe('video.open and the /res/videos/ resources', () => {
  it('opens a library video: what ffmpeg sees, the resource URLs and the vocabulary', async () => {
    const o = await call<OpenedVideo>(s.core, 'video.open', { videoId: s.videoId });
    expect(o.video).toMatchObject({ id: s.videoId, caseId: s.caseId, caseName: 'Case 012', projectId: s.projectId, format: 'webm', sizeBytes: file.length });
    expect(o.media).toMatchObject({ width: 320, height: 240, hasVideo: true, hasAudio: true, codec: 'vp9' });
    expect(Math.abs(o.media.durationMs - VIDEO_DURATION_MS)).toBeLessThan(100);
    expect(o.urls).toEqual({
      media: `/res/videos/${s.videoId}/media`,
      mimeType: 'video/webm',
      waveform: `/res/videos/${s.videoId}/waveform.bin`,
      thumbnail: `/res/videos/${s.videoId}/thumb/{ms}.jpg`,
    });
    expect(o.vocabulary.speakers.map((x) => x.key)).toEqual(['trainer', 'trainee']);
  });

  it('serves the file whole (200) and by byte range (206 with Content-Range), and says 416 for a range past the end', async () => {
    const path = `videos/${s.videoId}/media`;
    const whole = await s.core.resource(path);
    expect(whole.status).toBe(200);
    expect(whole.headers).toMatchObject({ 'Accept-Ranges': 'bytes', 'Content-Type': 'video/webm', 'Content-Length': String(file.length) });
    expect((await bodyOf(whole.body)).equals(file)).toBe(true);

    const part = await s.core.resource(path, undefined, { range: 'bytes=100-1099' });
    expect(part.status).toBe(206);
    expect(part.headers).toMatchObject({ 'Content-Range': `bytes 100-1099/${file.length}`, 'Content-Length': '1000', 'Accept-Ranges': 'bytes' });
    expect((await bodyOf(part.body)).equals(file.subarray(100, 1100))).toBe(true);

    const open = await s.core.resource(path, undefined, { range: `bytes=${file.length - 10}-` });
    expect(open.headers['Content-Range']).toBe(`bytes ${file.length - 10}-${file.length - 1}/${file.length}`);
    expect((await bodyOf(open.body)).equals(file.subarray(file.length - 10))).toBe(true);

    const suffix = await s.core.resource(path, undefined, { range: 'bytes=-500' });
    expect((await bodyOf(suffix.body)).equals(file.subarray(file.length - 500))).toBe(true);

    const beyond = await s.core.resource(path, undefined, { range: `bytes=${file.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['Content-Range']).toBe(`bytes */${file.length}`);
    expect((await s.core.resource(`videos/999/media`)).status).toBe(404);
  });

  it('parses the Range forms browsers send and ignores what it cannot honour', () => {
    expect(parseByteRange(undefined, 100)).toEqual({ kind: 'full' });
    expect(parseByteRange('bytes=0-', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseByteRange('bytes=10-2000', 100)).toEqual({ kind: 'partial', start: 10, end: 99 });
    expect(parseByteRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=5-1', 100)).toEqual({ kind: 'full' });
    expect(parseByteRange('bytes=0-1,5-9', 100)).toEqual({ kind: 'full' });
    expect(parseByteRange('items=0-1', 100)).toEqual({ kind: 'full' });
  });

  it('streams ranges through the browser-mode host as a <video> element asks for them', async () => {
    const rendererDir = join(tempDir(), 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Sightline</title>');
    const host: Host = await startHost({ core: s.core, rendererDir });
    try {
      const get = (path: string, headers: Record<string, string>) =>
        new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          });
          req.on('error', reject);
          req.end();
        });
      const auth = await get(`/auth?token=${host.token}`, {});
      const cookie = String(auth.headers['set-cookie']).split(';')[0];
      const r = await get(`/res/videos/${s.videoId}/media`, { Cookie: cookie, Range: 'bytes=0-' });
      expect(r.status).toBe(206);
      expect(r.headers['accept-ranges']).toBe('bytes');
      expect(r.headers['content-range']).toBe(`bytes 0-${file.length - 1}/${file.length}`);
      expect(r.body.equals(file)).toBe(true);
      const mid = await get(`/res/videos/${s.videoId}/media`, { Cookie: cookie, Range: 'bytes=4096-8191' });
      expect(mid.status).toBe(206);
      expect(mid.body.equals(file.subarray(4096, 8192))).toBe(true);
    } finally {
      await host.close();
    }
  });

  it('gives waveform peaks that are loud where the remarks are and quiet between them, cached on disk', async () => {
    const r = await s.core.resource(`videos/${s.videoId}/waveform.bin`);
    expect(r.status).toBe(200);
    const w = decodeWaveform(await bodyOf(r.body));
    expect(w.bucketMs).toBe(10);
    expect(Math.abs(w.min.length * 10 - VIDEO_DURATION_MS)).toBeLessThan(100);
    const loudness = (a: number, b: number) => {
      let m = 0;
      for (let i = Math.floor(a / 10); i < Math.floor(b / 10); i++) m = Math.max(m, w.max[i] - w.min[i]);
      return m;
    };
    expect(loudness(SPEECH_REMARKS[0].start + 200, SPEECH_REMARKS[0].end - 200)).toBeGreaterThan(40);
    expect(loudness(5600, 6900)).toBeLessThan(loudness(SPEECH_REMARKS[1].start, SPEECH_REMARKS[1].end) / 4);
    const again = await s.core.resource(`videos/${s.videoId}/waveform.bin`);
    expect((await bodyOf(again.body)).equals(await bodyOf((await s.core.resource(`videos/${s.videoId}/waveform.bin`)).body))).toBe(true);
  });

  it('renders thumbnails as JPEG at a time', async () => {
    const r = await s.core.resource(`videos/${s.videoId}/thumb/9000.jpg`);
    expect(r.status).toBe(200);
    expect(r.headers['Content-Type']).toBe('image/jpeg');
    const jpeg = await bodyOf(r.body);
    expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect((await s.core.resource(`videos/${s.videoId}/thumb/abc.jpg`)).status).toBe(404);
  });

  it('says clearly when the video file has moved away, and keeps working once it is back', async () => {
    const path = join(tempDir(), 'moving.mp4');
    copyFileSync(await feedbackVideoPath('mp4'), path);
    const v = await call<{ id: number }>(s.core, 'files.add', { caseId: s.caseId, path }, s.userId);
    const moved = `${path}.away`;
    renameSync(path, moved);
    const e = await failure(s.core, 'video.open', { videoId: v.id });
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.message).toMatch(/"moving\.mp4" is no longer at/);
    const r = await s.core.resource(`videos/${v.id}/media`);
    expect(r.status).toBe(404);
    renameSync(moved, path);
    expect((await call<OpenedVideo>(s.core, 'video.open', { videoId: v.id })).media.codec).toBe('h264');
    await call(s.core, 'files.remove', { kind: 'video', id: v.id }, s.userId);
  });
});

describe('proposals from speech and transcripts (real ffmpeg, real ONNX Runtime)', () => {
  it('proposes the two remarks as instances within ±300 ms and nothing in the silence; a rerun adds nothing', async () => {
    const progress: string[] = [];
    const off = s.core.onEvent((e) => e.type === 'progress' && e.jobId === 'propose-1' && progress.push(e.label));
    const env = await s.core.invoke('video.propose', { videoId: s.videoId }, { actorId: s.userId, jobId: 'propose-1' });
    if (!env.ok) throw new Error(env.error.message);
    const r = env.value as { created: VideoInstance[]; skipped: number; model: { id: string } };
    expect(r.model.id).toBe('silero-vad');
    expect(r.created).toHaveLength(2);
    r.created.forEach((p, i) => {
      expect(Math.abs(p.startMs - SPEECH_REMARKS[i].start)).toBeLessThanOrEqual(300);
      expect(Math.abs(p.endMs - SPEECH_REMARKS[i].end)).toBeLessThanOrEqual(300);
      expect(p).toMatchObject({ source: 'vad', status: 'proposed', speaker: 'trainer' });
      expect(p.vadP).toBeGreaterThan(0.5);
    });
    off();
    expect(progress).toContain('Detecting speech');
    const again = await call<{ created: VideoInstance[]; skipped: number }>(s.core, 'video.propose', { videoId: s.videoId }, s.userId);
    expect(again).toMatchObject({ created: [], skipped: 2 });

    // Reject one, accept the other: the rejected one stays out of the list and is not proposed again.
    await call(s.core, 'video.instances.review', { id: r.created[0].id, decision: 'reject' }, s.userId);
    const accepted = await call<VideoInstance>(s.core, 'video.instances.review', { id: r.created[1].id, decision: 'accept' }, s.userId);
    expect(accepted.status).toBe('accepted');
    const listed = await call<{ instances: VideoInstance[] }>(s.core, 'video.instances.list', { videoId: s.videoId });
    expect(listed.instances.map((i) => i.id)).toEqual([r.created[1].id]);
    expect((await call<{ skipped: number }>(s.core, 'video.propose', { videoId: s.videoId }, s.userId)).skipped).toBe(2);
  });

  it('imports a transcript: cues fill the instances they overlap, the rest become proposals; a malformed file changes nothing', async () => {
    const vtt = [
      'WEBVTT',
      '',
      '00:00:07.500 --> 00:00:10.100',
      '<v Trainer>Good. Now slow down with the needle driver.',
      '',
      '00:00:11.000 --> 00:00:11.900',
      '<v Trainee>Okay.',
      '',
    ].join('\n');
    const r = await call<{ cues: number; filled: number; created: number }>(s.core, 'video.importTranscript', { videoId: s.videoId, text: vtt, fileName: 'case-012.vtt' }, s.userId);
    expect(r).toMatchObject({ cues: 2, filled: 1, created: 1 });
    const list = (await call<{ instances: VideoInstance[] }>(s.core, 'video.instances.list', { videoId: s.videoId })).instances;
    expect(list.find((i) => i.startMs > 7000 && i.source === 'vad')?.transcript).toBe('Good. Now slow down with the needle driver.');
    expect(list.find((i) => i.source === 'import')).toMatchObject({ startMs: 11000, endMs: 11900, speaker: 'trainee', transcript: 'Okay.', status: 'proposed' });
    const bad = await failure(s.core, 'video.importTranscript', { videoId: s.videoId, text: 'WEBVTT\n\n00:00:0x.000 --> 00:00:02.000\nhello\n', fileName: 'bad.vtt' }, s.userId);
    expect(bad.code).toBe('CORRUPT_FILE');
    expect(bad.message).toMatch(/bad\.vtt line 3/);
    expect((await call<{ instances: VideoInstance[] }>(s.core, 'video.instances.list', { videoId: s.videoId })).instances).toEqual(list);
  });
});
