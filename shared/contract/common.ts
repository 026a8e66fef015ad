import { z } from 'zod';

export const Id = z.number().int().positive();
export const IsoTime = z.string();
export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });
