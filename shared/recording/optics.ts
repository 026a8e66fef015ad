/**
 * Objective power assumed for a slide whose file states neither its resolution (mpp) nor its objective power
 * (plain images, Deep Zoom folders): full resolution counts as 40×. Recording needs one of the two to turn zoom into
 * magnification; a session recorded under this assumption says so in its slide header's objectivePower.
 */
export const ASSUMED_OBJECTIVE_POWER = 40;

export interface RecordingOptics {
  mpp: number | null;
  objectivePower: number | null;
  /** True when neither was known and ASSUMED_OBJECTIVE_POWER stands in. */
  assumed: boolean;
}

/** The optics a recording uses for a slide: what the file says, else the assumed objective power. */
export function recordingOptics(mpp: number | null | undefined, objectivePower: number | null | undefined): RecordingOptics {
  const m = mpp != null && mpp > 0 ? mpp : null;
  const o = objectivePower != null && objectivePower > 0 ? objectivePower : null;
  if (m === null && o === null) return { mpp: null, objectivePower: ASSUMED_OBJECTIVE_POWER, assumed: true };
  return { mpp: m, objectivePower: o, assumed: false };
}
