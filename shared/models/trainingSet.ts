import { z } from 'zod';

const BoxJson = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .refine((b) => b[2] > b[0] && b[3] > b[1], 'A box is [x0, y0, x1, y1] with x1 > x0 and y1 > y0.');

/**
 * One training image's sidecar (<name>.json beside <name>.png): boxes in level-0 pixels, and how many level-0
 * pixels one image pixel spans (1 when the image is the slide itself).
 */
export const TrainingSidecar = z
  .object({
    image: z.string().min(1).optional(),
    downsample: z.number().positive().default(1),
    positives: z.array(BoxJson),
    negatives: z.array(BoxJson).optional(),
  })
  .strict();
export type TrainingSidecar = z.infer<typeof TrainingSidecar>;
