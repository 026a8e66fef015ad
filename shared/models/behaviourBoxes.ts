import { boxArea, clipBox, type Box } from './boxes';

/**
 * Views at or below this magnification are "low power": the 1.25× and 2.5× steps (the geometric mean of 2.5× and
 * 5× is 3.54×, where the behaviour pipeline's bins switch from 2.5× to 5×).
 */
export const LOW_POWER_MAX_MAGNIFICATION = 3.5;

export interface SeenView {
  /** Level-0 pixels. */
  box: Box;
  magnification: number;
}

function contains(outer: Box, inner: Box): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

/**
 * Where the slide was seen at low power: the views at or below `maxMagnification`, clipped to the slide and rounded
 * outwards, with views inside another view dropped (largest first), so a long session gives a short list.
 */
export function lowPowerBoxes(views: readonly SeenView[], slide: { width: number; height: number }, maxMagnification = LOW_POWER_MAX_MAGNIFICATION): Box[] {
  const boxes = views
    .filter((v) => v.magnification <= maxMagnification)
    .map((v) => {
      const c = clipBox(v.box, slide.width, slide.height);
      return [Math.floor(c[0]), Math.floor(c[1]), Math.ceil(c[2]), Math.ceil(c[3])] as Box;
    })
    .filter((b) => boxArea(b) > 0)
    .sort((a, b) => boxArea(b) - boxArea(a));
  const kept: Box[] = [];
  for (const b of boxes) if (!kept.some((k) => contains(k, b))) kept.push(b);
  return kept;
}

export interface LookedAt {
  kind: 'inspect' | 'peek';
  box: Box;
  deleted?: boolean;
}

/**
 * A slide's training boxes from the behaviour recorded on it: every inspect and peek box (not deleted by a reviewer)
 * is a positive; the tissue seen at low power is where negatives may come from (the trainer leaves out the positives
 * and a band around them, so "seen at low power but never inspected").
 */
export function behaviourTrainingBoxes(commands: readonly LookedAt[], views: readonly SeenView[], slide: { width: number; height: number }): { positives: Box[]; negatives: Box[] } {
  const positives = commands.filter((c) => !c.deleted).map((c) => clipBox(c.box, slide.width, slide.height)).filter((b) => boxArea(b) > 0);
  return { positives, negatives: lowPowerBoxes(views, slide) };
}
