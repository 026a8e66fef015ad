/** Mean absolute difference between two same-sized 8-bit grayscale frames, scaled to 0..1. */
export function frameDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error(`frames differ in size (${a.length} vs ${b.length} pixels)`);
  if (a.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length / 255;
}

/** Motion energy of a run of frames: the mean of consecutive frame differences (0 when fewer than two frames). */
export function motionEnergy(frames: Uint8Array[]): number {
  if (frames.length < 2) return 0;
  let sum = 0;
  for (let i = 1; i < frames.length; i++) sum += frameDifference(frames[i - 1], frames[i]);
  return sum / (frames.length - 1);
}

export interface MotionChange {
  /** Motion energy in the window before the instance starts. */
  before: number;
  /** Motion energy in the window after the instance ends. */
  after: number;
  /** after − before: positive when the trainee moves more after the feedback. */
  delta: number;
  /** log((after + ε) / (before + ε)): scale-free change, ε = 1e-3. */
  logRatio: number;
}

export function motionChange(before: number, after: number): MotionChange {
  const eps = 1e-3;
  return { before, after, delta: after - before, logRatio: Math.log((after + eps) / (before + eps)) };
}
