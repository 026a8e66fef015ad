import { z } from 'zod';

const fraction = z.number().min(0).max(1);

/**
 * Every threshold of the behaviour pipeline. Any subset may be given; the rest take their defaults.
 * docs/behavior.md describes each rule.
 */
export const BehaviorConfig = z.strictObject({
  /** Static inspect: the view must rest at least this long (active ms). */
  dwellMinMs: z.number().positive().default(1000),
  /** Static inspect: the view centre must stay closer than this × the view's width to where the dwell began. */
  dwellMaxCentreShift: z.number().positive().default(0.5),
  /** Pan inspect: a run of panning at one magnification bin must add up to at least this long (active ms). */
  panMinMs: z.number().positive().default(2000),
  /** A stretch of at least this long without any event is idle and cut out (ms). */
  idleGapMs: z.number().positive().default(60_000),
  /** Magnification bins, ascending; a magnification goes to the nearest on a log scale. */
  magnificationBins: z
    .array(z.number().positive())
    .min(1)
    .refine((b) => b.every((v, i) => i === 0 || v > b[i - 1]), 'bins must be strictly ascending')
    .default(() => [1.25, 2.5, 5, 10, 20, 40]),
  /** A command whose bin is at least this is a `peek`; below, an `inspect`. */
  peekMinMagnification: z.number().positive().default(40),
  /** Commands of the same bin whose boxes overlap with IoU above this are merged. */
  mergeMinIou: fraction.default(0.8),
  /** Boxes covering more than this fraction of the slide are overviews and dropped. */
  overviewMaxSlideFraction: fraction.default(0.6),
  /** A peek becomes an inspect's child when at least this fraction of its box lies inside the inspect's box. */
  pairMinInside: z.number().gt(0).max(1).default(1),
  /** Without an objective power, magnification = this / (mpp / zoom): 1 µm per screen pixel counts as 10×. */
  mppMagnificationScale: z.number().positive().default(10),
});
export type BehaviorConfig = z.output<typeof BehaviorConfig>;
export type BehaviorConfigInput = z.input<typeof BehaviorConfig>;

export const DEFAULT_BEHAVIOR_CONFIG: BehaviorConfig = BehaviorConfig.parse({});

/** Fills in defaults and validates; throws a ZodError on a bad value or an unknown key. */
export function resolveBehaviorConfig(input: BehaviorConfigInput | undefined = {}): BehaviorConfig {
  return BehaviorConfig.parse(input);
}
