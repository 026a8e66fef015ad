/** What the magnification readout needs to know about a slide. */
export interface OpticalInfo {
  /** Objective power the scanner recorded (e.g. 20, 40), or null when unknown. */
  objectivePower: number | null;
  /** Microns per level-0 pixel along x, or null when unknown. */
  mpp: number | null;
}

/** Microns per screen pixel of a 1× view: magnification = 10 / (µm per screen pixel), so 0.25 µm/px ≈ 40×. */
export const MICRONS_PER_PIXEL_AT_1X = 10;

/** The standard magnification steps the viewer offers as hotkeys. */
export const MAGNIFICATION_STEPS = [1.25, 2.5, 5, 10, 20, 40] as const;

/**
 * Equivalent magnification of a view whose zoom is `zoom` screen (CSS) pixels per level-0 pixel:
 * objectivePower × zoom when the objective is known, else 10 / (mpp / zoom).
 * Null when the slide carries neither.
 */
export function equivalentMagnification(zoom: number, optics: OpticalInfo): number | null {
  if (!(zoom > 0) || !Number.isFinite(zoom)) return null;
  if (optics.objectivePower !== null && optics.objectivePower > 0) return optics.objectivePower * zoom;
  if (optics.mpp !== null && optics.mpp > 0) return MICRONS_PER_PIXEL_AT_1X / (optics.mpp / zoom);
  return null;
}

/** The zoom (screen px per level-0 px) that shows the slide at `magnification`; inverse of equivalentMagnification. */
export function zoomForMagnification(magnification: number, optics: OpticalInfo): number | null {
  if (!(magnification > 0)) return null;
  if (optics.objectivePower !== null && optics.objectivePower > 0) return magnification / optics.objectivePower;
  if (optics.mpp !== null && optics.mpp > 0) return (magnification * optics.mpp) / MICRONS_PER_PIXEL_AT_1X;
  return null;
}

/** Microns one screen pixel covers at `zoom`, for a scale bar; null without MPP. */
export function micronsPerScreenPixel(zoom: number, mpp: number | null): number | null {
  if (mpp === null || !(mpp > 0) || !(zoom > 0)) return null;
  return mpp / zoom;
}

/** Objective power implied by MPP alone (0.25 µm/px → 40×), for slides that record only MPP. */
export function objectiveFromMpp(mpp: number | null): number | null {
  if (mpp === null || !(mpp > 0)) return null;
  return MICRONS_PER_PIXEL_AT_1X / mpp;
}
