import { z } from 'zod';

/** [x0, y0, x1, y1] in level-0 pixels, x0 < x1 and y0 < y1. */
export const Box = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type Box = z.infer<typeof Box>;

export const CommandKind = z.enum(['inspect', 'peek']);
export type CommandKind = z.infer<typeof CommandKind>;

/** One behavioural command derived from a navigation session ("inspect at 10× here for 6 s"). */
export const BehaviorCommand = z.strictObject({
  /** 1-based, in order of first visit. */
  id: z.number().int().positive(),
  kind: CommandKind,
  /** The magnification bin (e.g. 10 for 10×). */
  magnification: z.number().positive(),
  /** Level-0 pixels, clipped to the slide, whole pixels. */
  box: Box,
  /** First visit, ms from session start. */
  start: z.number().nonnegative(),
  /** Active time spent, summed over visits (ms). */
  duration: z.number().nonnegative(),
  /** How many separate looks were merged into this command. */
  visits: z.number().int().positive(),
  /** The inspect command this peek lies inside, or null. */
  parentId: z.number().int().positive().nullable(),
});
export type BehaviorCommand = z.infer<typeof BehaviorCommand>;

/** A command before numbering and pairing. */
export interface Segment {
  kind: CommandKind;
  magnification: number;
  box: Box;
  start: number;
  duration: number;
  visits: number;
}
