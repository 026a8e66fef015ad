import { extname } from 'node:path';
import { CoreError } from '../errors';
import { mediaErrorFromFfmpeg } from './mediaFile';
import { probe, type MediaInfo } from './probe';
import { runFfmpeg } from './runFfmpeg';

export interface ClipOptions {
  /** Seconds added before the start and after the end (default 5). */
  padS?: number;
  /** 'reencode' cuts at the exact times (default); 'copy' is fast but snaps to keyframes. */
  mode?: 'reencode' | 'copy';
  signal?: AbortSignal;
  info?: MediaInfo;
}

export interface ClipResult {
  path: string;
  /** The clip's span in the source media, after padding and clamping. */
  startMs: number;
  endMs: number;
}

const ENCODERS: Record<string, { video: string[]; audio: string[] }> = {
  '.mp4': { video: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p'], audio: ['-c:a', 'aac', '-b:a', '96k'] },
  '.mov': { video: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p'], audio: ['-c:a', 'aac', '-b:a', '96k'] },
  '.mkv': { video: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p'], audio: ['-c:a', 'aac', '-b:a', '96k'] },
  '.webm': { video: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '1M', '-pix_fmt', 'yuv420p'], audio: ['-c:a', 'libopus', '-b:a', '64k'] },
  '.wav': { video: [], audio: ['-c:a', 'pcm_s16le'] },
};

/** Cuts [startMs − pad, endMs + pad] (clamped to the media) into `outPath`; the container follows its extension. */
export async function cutClip(path: string, startMs: number, endMs: number, outPath: string, opts: ClipOptions = {}): Promise<ClipResult> {
  if (!(endMs > startMs)) throw new CoreError('INVALID_INPUT', `A clip needs end > start (got ${startMs}–${endMs} ms).`);
  const ext = extname(outPath).toLowerCase();
  const enc = ENCODERS[ext];
  if (!enc) throw new CoreError('INVALID_INPUT', `Clips can be written as ${Object.keys(ENCODERS).join(', ')}; not ${ext || 'a file without extension'}.`);
  const info = opts.info ?? (await probe(path, { signal: opts.signal, checkTail: false }));
  const pad = (opts.padS ?? 5) * 1000;
  const a = Math.max(0, startMs - pad);
  const b = Math.min(info.durationMs, endMs + pad);
  if (b <= a) throw new CoreError('INVALID_INPUT', `The clip ${startMs}–${endMs} ms lies outside the media (${info.durationMs} ms long).`);
  const args = ['-v', 'error', '-y', '-ss', (a / 1000).toFixed(3), '-i', path, '-t', ((b - a) / 1000).toFixed(3)];
  if (opts.mode === 'copy') args.push('-c', 'copy', '-avoid_negative_ts', 'make_zero');
  else {
    if (ext === '.wav' || !info.hasVideo) args.push('-vn');
    else args.push('-map', '0:v:0', ...enc.video);
    if (info.hasAudio) args.push('-map', '0:a:0?', ...enc.audio);
    else args.push('-an');
  }
  if (ext === '.mp4' || ext === '.mov') args.push('-movflags', '+faststart');
  args.push(outPath);
  const { code, stderr } = await runFfmpeg(args, opts.signal);
  if (code !== 0) throw mediaErrorFromFfmpeg(path, stderr);
  return { path: outPath, startMs: a, endMs: b };
}
