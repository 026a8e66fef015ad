import { z } from 'zod';

/** What the core pushes to the UI unasked (WebSocket in browser mode, IPC in Electron). */
export const ServerEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    jobId: z.string(),
    label: z.string(),
    done: z.number(),
    total: z.number().nullable(),
  }),
  z.object({ type: z.literal('library-changed'), caseId: z.number().int().nullable() }),
]);
export type ServerEvent = z.infer<typeof ServerEvent>;
