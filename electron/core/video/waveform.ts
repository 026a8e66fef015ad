import { PeakAccumulator, type WaveformPeaks } from '../../../shared/feedback/waveformPeaks';
import { streamAudioMono, type Progress } from './decodeAudio';
import { probe } from './probe';

export interface WaveformOptions {
  /** Peaks per second of media (default 100, i.e. 10 ms buckets). */
  bucketsPerSecond?: number;
  signal?: AbortSignal;
  progress?: Progress;
}

/** Min/max per bucket of the first audio track, decoded at 8 kHz (plenty for drawing). */
export async function waveformPeaks(path: string, opts: WaveformOptions = {}): Promise<WaveformPeaks> {
  const sr = 8000;
  const per = opts.bucketsPerSecond ?? 100;
  const info = await probe(path, { signal: opts.signal });
  const acc = new PeakAccumulator(sr, Math.max(1, Math.round(sr / per)));
  for await (const chunk of streamAudioMono(path, { signal: opts.signal, progress: opts.progress, info, sampleRate: sr })) acc.push(chunk);
  return acc.finish();
}
