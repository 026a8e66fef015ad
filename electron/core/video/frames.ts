import { basename } from 'node:path';
import { CoreError } from '../errors';
import { mediaErrorFromFfmpeg } from './mediaFile';
import { probe, type MediaInfo } from './probe';
import { runFfmpeg } from './runFfmpeg';

export interface GrayFrames {
  width: number;
  height: number;
  /** Time of each frame in ms from the start of the media. */
  timesMs: number[];
  frames: Uint8Array[];
}

export interface FrameOptions {
  /** Small frames are enough for motion energy; defaults 64×36. */
  width?: number;
  height?: number;
  signal?: AbortSignal;
  info?: MediaInfo;
}

async function videoInfo(path: string, opts: FrameOptions): Promise<MediaInfo> {
  const info = opts.info ?? (await probe(path, { signal: opts.signal, checkTail: false }));
  if (!info.hasVideo) throw new CoreError('UNSUPPORTED_FILE', `${basename(path)} has no video track.`);
  return info;
}

/** One small grayscale frame at each requested time (clamped into the media). */
export async function grayFramesAt(path: string, timesMs: number[], opts: FrameOptions = {}): Promise<GrayFrames> {
  const info = await videoInfo(path, opts);
  const w = opts.width ?? 64;
  const h = opts.height ?? 36;
  const frames: Uint8Array[] = [];
  const times: number[] = [];
  for (const t of timesMs) {
    const { at, bytes } = await frameNear(path, clampTime(t, info), ['-vf', `scale=${w}:${h},format=gray`, '-f', 'rawvideo'], opts.signal);
    if (bytes.length < w * h) throw new CoreError('CORRUPT_FILE', `${basename(path)} has no decodable frame at ${(at / 1000).toFixed(2)} s.`);
    frames.push(new Uint8Array(bytes.subarray(0, w * h)));
    times.push(at);
  }
  return { width: w, height: h, timesMs: times, frames };
}

/** Frames sampled at `fps` over [startMs, endMs), decoded in one pass. */
export async function grayFramesBetween(path: string, startMs: number, endMs: number, fps: number, opts: FrameOptions = {}): Promise<GrayFrames> {
  const info = await videoInfo(path, opts);
  const w = opts.width ?? 64;
  const h = opts.height ?? 36;
  const a = clampTime(startMs, info);
  const b = Math.min(Math.max(endMs, a), info.durationMs);
  if (b - a < 1) return { width: w, height: h, timesMs: [], frames: [] };
  const { code, stdout, stderr } = await runFfmpeg(
    [
      '-v', 'error', '-ss', (a / 1000).toFixed(3), '-i', path, '-t', ((b - a) / 1000).toFixed(3),
      '-map', '0:v:0', '-vf', `fps=${fps},scale=${w}:${h},format=gray`, '-f', 'rawvideo', 'pipe:1',
    ],
    opts.signal,
  );
  if (code !== 0) throw mediaErrorFromFfmpeg(path, stderr);
  const n = Math.floor(stdout.length / (w * h));
  const frames: Uint8Array[] = [];
  const timesMs: number[] = [];
  for (let i = 0; i < n; i++) {
    frames.push(new Uint8Array(stdout.subarray(i * w * h, (i + 1) * w * h)));
    timesMs.push(a + (i * 1000) / fps);
  }
  return { width: w, height: h, timesMs, frames };
}

/** A JPEG still at a time, `width` pixels wide (height keeps the aspect ratio): timeline and list thumbnails. */
export async function thumbnailJpeg(path: string, timeMs: number, width = 160, opts: { signal?: AbortSignal; info?: MediaInfo } = {}): Promise<Buffer> {
  const info = await videoInfo(path, opts);
  const { at, bytes } = await frameNear(path, clampTime(timeMs, info), ['-vf', `scale=${width}:-2`, '-q:v', '4', '-f', 'image2pipe', '-vcodec', 'mjpeg'], opts.signal);
  if (bytes.length === 0) throw new CoreError('CORRUPT_FILE', `${basename(path)} has no decodable frame at ${(at / 1000).toFixed(2)} s.`);
  return bytes;
}

/**
 * The frame at `at`; near the end, where the container may claim more time than the video stream has,
 * steps back up to a second until a frame comes out.
 */
async function frameNear(path: string, at: number, outArgs: string[], signal?: AbortSignal): Promise<{ at: number; bytes: Buffer }> {
  let t = at;
  for (let attempt = 0; ; attempt++) {
    const { code, stdout, stderr } = await runFfmpeg(['-v', 'error', '-ss', (t / 1000).toFixed(3), '-i', path, '-map', '0:v:0', '-frames:v', '1', ...outArgs, 'pipe:1'], signal);
    if (code !== 0) throw mediaErrorFromFfmpeg(path, stderr);
    if (stdout.length > 0 || attempt === 3 || t === 0) return { at: t, bytes: stdout };
    t = Math.max(0, t - 250);
  }
}

/** Keeps a seek time inside the media; the last 50 ms are avoided because a seek there finds no frame. */
function clampTime(t: number, info: MediaInfo): number {
  return Math.max(0, Math.min(t, info.durationMs - 50));
}
