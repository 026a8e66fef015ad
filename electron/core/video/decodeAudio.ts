import { basename } from 'node:path';
import { CoreError } from '../errors';
import { mediaErrorFromFfmpeg } from './mediaFile';
import { probe, type MediaInfo } from './probe';
import { cancelled, spawnFfmpeg } from './runFfmpeg';

export const VAD_SAMPLE_RATE = 16000;

export type Progress = (done: number, total: number | null, label: string) => void;

export interface AudioStreamOptions {
  signal?: AbortSignal;
  /** Called with milliseconds decoded so far and the media's duration. */
  progress?: Progress;
  /** Already probed information (skips probing again). */
  info?: MediaInfo;
  sampleRate?: number;
}

/**
 * Decodes the first audio track, downmixed to mono at 16 kHz (or `sampleRate`), as float samples in [-1, 1],
 * streamed from ffmpeg's stdout in chunks. Reading pauses ffmpeg, so memory stays flat on long recordings.
 */
export async function* streamAudioMono(path: string, opts: AudioStreamOptions = {}): AsyncGenerator<Float32Array> {
  const info = opts.info ?? (await probe(path, { signal: opts.signal }));
  if (!info.hasAudio) throw new CoreError('UNSUPPORTED_FILE', `${basename(path)} has no audio track.`);
  const sr = opts.sampleRate ?? VAD_SAMPLE_RATE;
  const p = spawnFfmpeg(['-v', 'error', '-i', path, '-map', '0:a:0', '-vn', '-ac', '1', '-ar', String(sr), '-f', 'f32le', 'pipe:1'], opts.signal);
  let leftover: Buffer | null = null;
  let samples = 0;
  let finished = false;
  try {
    for await (const raw of p.stdout) {
      let buf = raw as Buffer;
      if (leftover) {
        buf = Buffer.concat([leftover, buf]);
        leftover = null;
      }
      const usable = buf.length - (buf.length % 4);
      if (usable < buf.length) leftover = Buffer.from(buf.subarray(usable));
      if (usable === 0) continue;
      // Copy: the pooled Buffer may not be 4-byte aligned and is reused by the stream.
      const out = new Float32Array(usable / 4);
      new Uint8Array(out.buffer).set(buf.subarray(0, usable));
      samples += out.length;
      opts.progress?.(Math.round((samples / sr) * 1000), info.durationMs, 'Decoding audio');
      yield out;
    }
    finished = true;
  } finally {
    // Leaving early (consumer stopped, error): make sure ffmpeg does not linger.
    if (!finished) p.kill();
  }
  if (opts.signal?.aborted) throw cancelled();
  const { code, stderr } = await p.exited;
  if (code !== 0) throw mediaErrorFromFfmpeg(path, stderr);
  const decodedMs = (samples / sr) * 1000;
  if (decodedMs < info.durationMs * 0.9 - 500 && /error|invalid|truncat|partial/i.test(stderr)) {
    throw new CoreError(
      'CORRUPT_FILE',
      `${basename(path)} is damaged: only ${(decodedMs / 1000).toFixed(1)} s of its ${(info.durationMs / 1000).toFixed(1)} s of audio could be decoded.`,
    );
  }
}

/** The whole first audio track as 16 kHz mono float samples (cancellable, with progress). */
export async function decodeAudio16kMono(path: string, signal?: AbortSignal, progress?: Progress): Promise<Float32Array> {
  const info = await probe(path, { signal });
  let out = new Float32Array(Math.ceil((info.durationMs / 1000 + 1) * VAD_SAMPLE_RATE));
  let n = 0;
  for await (const chunk of streamAudioMono(path, { signal, progress, info })) {
    if (n + chunk.length > out.length) {
      const bigger = new Float32Array(Math.max(out.length * 2, n + chunk.length));
      bigger.set(out.subarray(0, n));
      out = bigger;
    }
    out.set(chunk, n);
    n += chunk.length;
  }
  return out.slice(0, n);
}
