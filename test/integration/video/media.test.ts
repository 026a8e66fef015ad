import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutClip } from '../../../electron/core/video/clips';
import { decodeAudio16kMono } from '../../../electron/core/video/decodeAudio';
import { grayFramesAt, thumbnailJpeg } from '../../../electron/core/video/frames';
import { motionAroundInstance } from '../../../electron/core/video/motion';
import { probe } from '../../../electron/core/video/probe';
import { runFfmpeg } from '../../../electron/core/video/runFfmpeg';
import { waveformPeaks } from '../../../electron/core/video/waveform';
import { feedbackVideoPath, FIXTURE_DIR, SPEECH_REMARKS, SPEECH_WAV, STILL_UNTIL_MS } from '../../fixtures/video/feedbackVideo';

const tmp = mkdtempSync(join(tmpdir(), 'sightline-media-'));
let webm: string;
let mp4: string;
beforeAll(async () => {
  webm = await feedbackVideoPath('webm');
  mp4 = await feedbackVideoPath('mp4');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function truncated(src: string, name: string, fraction: number): string {
  const bytes = readFileSync(src);
  const out = join(tmp, name);
  writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return out;
}

describe('probe', () => {
  it('reads duration, size, frame rate, codec and sound of the generated videos and the WAV', async () => {
    const w = await probe(webm);
    expect(w).toMatchObject({ width: 320, height: 240, fps: 25, hasAudio: true, hasVideo: true, codec: 'vp9', audioCodec: 'opus' });
    expect(Math.abs(w.durationMs - 12080)).toBeLessThan(100);
    const m = await probe(mp4);
    expect(m).toMatchObject({ width: 320, height: 240, fps: 25, hasAudio: true, codec: 'h264', audioCodec: 'aac', audioSampleRate: 16000, audioChannels: 1 });
    const a = await probe(SPEECH_WAV);
    expect(a).toMatchObject({ durationMs: 12080, width: 0, height: 0, fps: 0, hasVideo: false, hasAudio: true, codec: 'pcm_s16le', audioChannels: 1 });
  });

  it('gives typed errors for a missing file, a folder, a non-media file, an image, and files cut short', async () => {
    await expect(probe(join(tmp, 'missing.mp4'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(probe(tmp)).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE', message: expect.stringMatching(/is a folder/) });
    const notes = join(tmp, 'notes.webm');
    writeFileSync(notes, 'not a video at all\n'.repeat(50));
    await expect(probe(notes)).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE', message: 'notes.webm is not a video or audio file that can be read.' });
    const empty = join(tmp, 'empty.mp4');
    writeFileSync(empty, '');
    await expect(probe(empty)).rejects.toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringMatching(/empty/) });
    await expect(probe(join(FIXTURE_DIR, 'ihc.png'))).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE', message: expect.stringMatching(/still image/) });
    await expect(probe(truncated(mp4, 'cut.mp4', 0.5))).rejects.toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringMatching(/cut short/) });
    await expect(probe(truncated(webm, 'cut.webm', 0.5))).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    await expect(probe(truncated(SPEECH_WAV, 'cut.wav', 0.5))).rejects.toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringMatching(/header promises more/) });
  });

  it('calls an MP4 without its index (moov atom) incomplete, and one cut inside its header damaged', async () => {
    const plain = join(tmp, 'plain.mp4');
    // Without +faststart the index is written last, so cutting the file loses it.
    await runFfmpeg(['-v', 'error', '-y', '-i', webm, '-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', plain]);
    await expect(probe(truncated(plain, 'no-index.mp4', 0.5))).rejects.toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringMatching(/incomplete MP4\/MOV/) });
    await expect(probe(truncated(plain, 'header-only.mp4', 40 / readFileSync(plain).length))).rejects.toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringMatching(/damaged or cut short/) });
  });
});

describe('decodeAudio16kMono', () => {
  it('decodes the WAV sample-exactly and the video sound to 16 kHz mono, silence as silence', async () => {
    const wav = await decodeAudio16kMono(SPEECH_WAV);
    // The file's data chunk holds 193,281 samples (12.080 s and one sample).
    expect(wav.length).toBe(193_281);
    const rms = (x: Float32Array, a: number, b: number) => Math.sqrt(x.subarray(a * 16, b * 16).reduce((s, v) => s + v * v, 0) / ((b - a) * 16));
    expect(rms(wav, 0, 1400)).toBeLessThan(1e-4);
    expect(rms(wav, 2000, 4500)).toBeGreaterThan(0.01);
    const fromVideo = await decodeAudio16kMono(webm);
    expect(Math.abs(fromVideo.length - 12080 * 16)).toBeLessThan(16 * 100);
    expect(rms(fromVideo, 2000, 4500)).toBeGreaterThan(0.01);
    expect(rms(fromVideo, 300, 1300)).toBeLessThan(0.001);
  });

  it('reports progress and stops when cancelled', async () => {
    const seen: number[] = [];
    await decodeAudio16kMono(webm, undefined, (done) => seen.push(done));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBeGreaterThan(11000);
    const controller = new AbortController();
    controller.abort();
    await expect(decodeAudio16kMono(webm, controller.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('refuses a video without sound', async () => {
    const silent = join(tmp, 'silent.webm');
    await cutClip(webm, 0, 2000, silent, { padS: 0 });
    const noAudio = join(tmp, 'no-audio.webm');
    await runFfmpeg(['-v', 'error', '-y', '-i', silent, '-an', '-c:v', 'copy', noAudio]);
    await expect(decodeAudio16kMono(noAudio)).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE', message: expect.stringMatching(/no audio track/) });
  });
});

describe('waveform, frames, motion energy, clips', () => {
  it('gives min/max peaks per bucket: flat in the silence, wide in the speech', async () => {
    const p = await waveformPeaks(SPEECH_WAV, { bucketsPerSecond: 100 });
    expect(p.bucketMs).toBe(10);
    expect(p.min.length).toBe(1209);
    const span = (i: number) => p.max[i] - p.min[i];
    expect(Math.max(...Array.from({ length: 140 }, (_, i) => span(i)))).toBeLessThan(1e-3);
    expect(Math.max(...Array.from({ length: 200 }, (_, i) => span(200 + i)))).toBeGreaterThan(0.1);
  });

  it('samples small grayscale frames and JPEG thumbnails at given times', async () => {
    const f = await grayFramesAt(mp4, [1000, 2000, 9000, 99_000], { width: 32, height: 24 });
    expect(f.frames).toHaveLength(4);
    expect(f.frames[0]).toHaveLength(32 * 24);
    expect(f.timesMs[3]).toBeLessThan(12200);
    // The colour bars stand still; the test pattern moves.
    expect(f.frames[0]).toEqual(f.frames[1]);
    expect(f.frames[2]).not.toEqual(f.frames[1]);
    const jpeg = await thumbnailJpeg(webm, 3000, 160);
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    await expect(thumbnailJpeg(SPEECH_WAV, 1000)).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE', message: expect.stringMatching(/no video track/) });
  });

  it('measures more motion after the second remark (the picture starts moving) than before it', async () => {
    const first = await motionAroundInstance(webm, SPEECH_REMARKS[0].start, SPEECH_REMARKS[0].end, { windowMs: 1000 });
    expect(first.before).toBeLessThan(0.002);
    expect(first.after).toBeLessThan(0.002);
    const second = await motionAroundInstance(webm, SPEECH_REMARKS[1].start, SPEECH_REMARKS[1].end, { windowMs: 1000 });
    expect(SPEECH_REMARKS[1].end).toBeGreaterThan(STILL_UNTIL_MS);
    expect(second.before).toBeLessThan(0.002);
    expect(second.after).toBeGreaterThan(0.01);
    expect(second.delta).toBeGreaterThan(0.01);
  });

  it('cuts a clip ±N s around an instance, clamped to the media', async () => {
    const out = join(tmp, 'clip.mp4');
    const r = await cutClip(webm, 7450, 10190, out, { padS: 1 });
    expect(r).toEqual({ path: out, startMs: 6450, endMs: 11190 });
    const info = await probe(out);
    expect(Math.abs(info.durationMs - 4740)).toBeLessThan(150);
    expect(info).toMatchObject({ codec: 'h264', hasAudio: true });
    const clamped = await cutClip(webm, 500, 2000, join(tmp, 'start.webm'), { padS: 5 });
    expect(clamped.startMs).toBe(0);
    const audioOnly = await cutClip(SPEECH_WAV, 1500, 5060, join(tmp, 'remark.wav'), { padS: 0 });
    expect(existsSync(audioOnly.path)).toBe(true);
    expect((await probe(audioOnly.path)).durationMs).toBe(3560);
    await expect(cutClip(webm, 0, 1000, join(tmp, 'clip.txt'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(cutClip(webm, 50_000, 60_000, join(tmp, 'late.mp4'), { padS: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
