import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWaveform } from '../../../shared/contract';
import { waveformPeaks } from '../video/waveform';
import type { VideoContext } from './instanceRows';
import { probeVideo } from './openVideo';

const running = new Map<string, Promise<Buffer>>();

/** Peaks per second drawn under the timeline (10 ms buckets). */
export const WAVEFORM_BUCKETS_PER_SECOND = 100;

/**
 * The waveform of a video's sound in the resource's byte format, computed once per file content (by sha256) and kept
 * in <data dir>/cache/waveforms/. A video without sound has an empty waveform.
 */
export function videoWaveform(dataDir: string, v: VideoContext): Promise<Buffer> {
  const dir = join(dataDir, 'cache', 'waveforms');
  const file = join(dir, `${v.sha256}-${WAVEFORM_BUCKETS_PER_SECOND}.bin`);
  try {
    return Promise.resolve(readFileSync(file));
  } catch {
    /* not cached yet */
  }
  const inFlight = running.get(file);
  if (inFlight) return inFlight;
  const work = (async () => {
    const info = await probeVideo(v);
    let bytes: Uint8Array;
    if (!info.hasAudio) bytes = encodeWaveform(1000 / WAVEFORM_BUCKETS_PER_SECOND, [], []);
    else {
      const p = await waveformPeaks(v.path, { bucketsPerSecond: WAVEFORM_BUCKETS_PER_SECOND });
      bytes = encodeWaveform(p.bucketMs, p.min, p.max);
    }
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, buf);
    renameSync(tmp, file);
    return buf;
  })();
  running.set(file, work);
  void work.finally(() => running.delete(file)).catch(() => undefined);
  return work;
}
