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

/** A proposal a reviewer decided on. */
export interface DecidedRegion {
  box: Box;
  status: 'accepted' | 'rejected';
}

export interface SlideTrainingBoxes {
  /** The inspect and peek boxes (the trainer's looks). */
  looked: Box[];
  /** The command kind of each look. */
  lookedKinds: Array<LookedAt['kind']>;
  negatives: Box[];
  accepted: Box[];
  rejected: Box[];
}

function distinct(boxes: Box[]): Box[] {
  const seen = new Set<string>();
  return boxes.filter((b) => {
    const k = b.join(',');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * A slide's training boxes from the behaviour recorded on it and the proposals decided on it: every inspect and peek
 * box (not deleted by a reviewer) is a look, where positives are found; the tissue seen at low power is where negatives may come from (the
 * trainer leaves out the positives and a band around them, so "seen at low power but never inspected"); accepted
 * proposals are positives and rejected ones negatives, each distinct box once.
 */
export function behaviourTrainingBoxes(commands: readonly LookedAt[], views: readonly SeenView[], slide: { width: number; height: number }, decided: readonly DecidedRegion[] = []): SlideTrainingBoxes {
  const clip = (b: Box) => clipBox(b, slide.width, slide.height);
  const looked = commands.filter((c) => !c.deleted).map((c) => ({ kind: c.kind, box: clip(c.box) })).filter((c) => boxArea(c.box) > 0);
  const decidedBoxes = (status: DecidedRegion['status']) => distinct(decided.filter((d) => d.status === status).map((d) => clip(d.box)).filter((b) => boxArea(b) > 0));
  return {
    looked: looked.map((c) => c.box),
    lookedKinds: looked.map((c) => c.kind),
    negatives: lowPowerBoxes(views, slide),
    accepted: decidedBoxes('accepted'),
    rejected: decidedBoxes('rejected'),
  };
}
