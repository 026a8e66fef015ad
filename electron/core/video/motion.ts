import { motionChange, motionEnergy, type MotionChange } from '../../../shared/feedback/motionEnergy';
import { grayFramesBetween } from './frames';
import { probe, type MediaInfo } from './probe';

export interface MotionOptions {
  /** Length of the windows before the start and after the end of the instance (default 5000 ms). */
  windowMs?: number;
  /** Frames per second sampled in each window (default 4). */
  fps?: number;
  signal?: AbortSignal;
  info?: MediaInfo;
}

/**
 * Motion energy (mean absolute difference of consecutive small grayscale frames) in a window before the
 * instance starts and one after it ends: a proxy for whether the trainee's hands changed what they do.
 */
export async function motionAroundInstance(path: string, startMs: number, endMs: number, opts: MotionOptions = {}): Promise<MotionChange> {
  const info = opts.info ?? (await probe(path, { signal: opts.signal, checkTail: false }));
  const w = opts.windowMs ?? 5000;
  const fps = opts.fps ?? 4;
  const o = { signal: opts.signal, info };
  const before = await grayFramesBetween(path, startMs - w, startMs, fps, o);
  const after = await grayFramesBetween(path, endMs, endMs + w, fps, o);
  return motionChange(motionEnergy(before.frames), motionEnergy(after.frames));
}
