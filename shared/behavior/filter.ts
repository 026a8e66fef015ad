import type { SlideHeader } from '../navigation/schema';
import { boxArea } from './boxes';
import type { BehaviorConfig } from './config';
import type { Segment } from './types';

/** Filter step: drops empty boxes and overviews (boxes covering more than overviewMaxSlideFraction of the slide). */
export function filterSegments<T extends Segment>(segments: readonly T[], slide: Pick<SlideHeader, 'width' | 'height'>, config: Pick<BehaviorConfig, 'overviewMaxSlideFraction'>): T[] {
  const maxArea = config.overviewMaxSlideFraction * slide.width * slide.height;
  return segments.filter((s) => {
    const area = boxArea(s.box);
    return area > 0 && area <= maxArea;
  });
}
