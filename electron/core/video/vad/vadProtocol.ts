import type { VadModelCard } from './sileroModel';

/** Messages from the core to the VAD worker. */
export type ToVadWorker =
  | { type: 'init'; model: Uint8Array; card: VadModelCard }
  | { type: 'audio'; samples: Float32Array }
  | { type: 'end' };

/** Messages from the VAD worker to the core. */
export type FromVadWorker =
  | { type: 'ready' }
  /** Samples run through the model so far (also the core's cue to send more audio). */
  | { type: 'progress'; processed: number }
  | { type: 'done'; probs: Float32Array; samples: number }
  | { type: 'error'; code: 'UNSUPPORTED_FILE' | 'INTERNAL'; message: string };
