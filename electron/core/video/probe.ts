import { basename } from 'node:path';
import { CoreError } from '../errors';
import { checkMediaFile, mediaErrorFromFfmpeg, mediaMagic, wavIsTruncated } from './mediaFile';
import { runFfmpeg } from './runFfmpeg';

export interface MediaInfo {
  path: string;
  sizeBytes: number;
  /** ffmpeg's demuxer names, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm". */
  container: string;
  durationMs: number;
  /** 0 when there is no video stream (audio-only media). */
  width: number;
  height: number;
  /** Frames per second of the video stream; 0 for audio-only media. */
  fps: number;
  /** Clockwise rotation the player must apply (from the stream's display matrix), in degrees. */
  rotation: number;
  hasVideo: boolean;
  hasAudio: boolean;
  /** The video codec, or the audio codec for audio-only media (e.g. "h264", "vp9", "pcm_s16le"). */
  codec: string;
  audioCodec: string | null;
  audioSampleRate: number | null;
  audioChannels: number | null;
}

export interface ProbeOptions {
  signal?: AbortSignal;
  /** Decode the last second too, to catch files cut short whose header still claims the full length (default true). */
  checkTail?: boolean;
}

/** What `ffmpeg -i <file>` says about its first input: duration, streams, sizes. */
export function parseFfmpegInfo(stderr: string): Omit<MediaInfo, 'path' | 'sizeBytes'> | null {
  const input = /Input #0, ([^\n]+?), from /.exec(stderr);
  if (!input) return null;
  const dur = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
  const durationMs = dur ? Math.round((Number(dur[1]) * 3600 + Number(dur[2]) * 60 + Number(dur[3])) * 1000) : 0;
  const streamLines = stderr.split(/\r?\n/).filter((l) => /^\s*Stream #0:\d+/.test(l));
  const video = streamLines.find((l) => /: Video: /.test(l) && !/\(attached pic\)/.test(l));
  const audio = streamLines.find((l) => /: Audio: /.test(l));
  let width = 0;
  let height = 0;
  let fps = 0;
  let videoCodec: string | null = null;
  if (video) {
    videoCodec = /: Video: ([\w-]+)/.exec(video)?.[1] ?? 'unknown';
    const size = /, (\d{1,5})x(\d{1,5})(?=[\s,[])/.exec(video);
    if (size) {
      width = Number(size[1]);
      height = Number(size[2]);
    }
    const f = /, ([\d.]+)(k?) fps/.exec(video) ?? /, ([\d.]+)(k?) tbr/.exec(video);
    if (f) fps = Number(f[1]) * (f[2] ? 1000 : 1);
  }
  const rot = /displaymatrix: rotation of (-?[\d.]+) degrees/.exec(stderr) ?? /rotate\s*:\s*(-?\d+)/.exec(stderr);
  // ffmpeg reports the display matrix counter-clockwise; players rotate clockwise.
  const rotation = rot ? (((rot[0].startsWith('displaymatrix') ? -Number(rot[1]) : Number(rot[1])) % 360) + 360) % 360 : 0;
  const audioCodec = audio ? (/: Audio: ([\w-]+)/.exec(audio)?.[1] ?? 'unknown') : null;
  const sr = audio ? /, (\d+) Hz/.exec(audio) : null;
  const ch = audio ? /Hz, ([^,]+)/.exec(audio)?.[1]?.trim() : undefined;
  return {
    container: input[1],
    durationMs,
    width,
    height,
    fps: Math.round(fps * 1000) / 1000,
    rotation,
    hasVideo: !!video,
    hasAudio: !!audio,
    codec: videoCodec ?? audioCodec ?? 'unknown',
    audioCodec,
    audioSampleRate: sr ? Number(sr[1]) : null,
    audioChannels: ch === undefined ? null : channelCount(ch),
  };
}

function channelCount(layout: string): number {
  if (layout === 'mono') return 1;
  if (layout === 'stereo') return 2;
  const n = /^(\d+)(?:\.(\d+))?/.exec(layout);
  if (n) return Number(n[1]) + Number(n[2] ?? 0);
  const c = /(\d+) channels/.exec(layout);
  return c ? Number(c[1]) : 1;
}

/** Duration, size, frame rate, codecs and whether there is sound, for a video or audio file. */
export async function probe(path: string, opts: ProbeOptions = {}): Promise<MediaInfo> {
  const { sizeBytes } = checkMediaFile(path);
  const name = basename(path);
  const { stderr } = await runFfmpeg(['-i', path], opts.signal);
  const info = parseFfmpegInfo(stderr);
  if (!info) throw mediaErrorFromFfmpeg(path, stderr);
  if (/image2|_pipe$|^gif$/.test(info.container) || (!info.hasAudio && info.durationMs === 0)) {
    throw new CoreError('UNSUPPORTED_FILE', `${name} is a still image, not a video or audio file.`);
  }
  if (!info.hasAudio && !info.hasVideo) throw new CoreError('UNSUPPORTED_FILE', `${name} has neither video nor audio.`);
  if (info.durationMs <= 0) throw new CoreError('CORRUPT_FILE', `${name} does not say how long it is; it may be damaged or cut short.`);
  if (mediaMagic(path) === 'riff-wave' && wavIsTruncated(path, sizeBytes)) {
    throw new CoreError('CORRUPT_FILE', `${name} is cut short: its header promises more audio than the file holds.`);
  }
  const full: MediaInfo = { path, sizeBytes, ...info };
  if (opts.checkTail !== false) await checkTail(full, opts.signal);
  return full;
}

/** Decodes up to one second near the end; a file cut short yields nothing there. */
async function checkTail(info: MediaInfo, signal?: AbortSignal): Promise<void> {
  const from = Math.max(0, info.durationMs - 1500) / 1000;
  const args = ['-v', 'error', '-ss', from.toFixed(3), '-i', info.path, '-t', '1'];
  const useAudio = info.hasAudio;
  if (useAudio) args.push('-vn', '-ac', '1', '-ar', '8000', '-f', 's16le', 'pipe:1');
  else args.push('-an', '-vf', 'scale=8:8', '-pix_fmt', 'gray', '-f', 'rawvideo', 'pipe:1');
  const { stdout } = await runFfmpeg(args, signal);
  const expected = Math.min(1, info.durationMs / 1000);
  const got = useAudio ? stdout.length / 2 / 8000 : stdout.length / 64 / Math.max(1, info.fps);
  if (got < expected * 0.25) {
    throw new CoreError(
      'CORRUPT_FILE',
      `${basename(info.path)} is cut short or damaged: it claims ${(info.durationMs / 1000).toFixed(1)} s but nothing can be decoded near its end.`,
    );
  }
}
