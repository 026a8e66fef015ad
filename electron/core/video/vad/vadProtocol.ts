import type { ModelCard } from '../../../../shared/models/card';
import type { VadModelSpec } from './sileroModel';

/**
 * How the worker schedules the model. The audio is cut into blocks of `blockWindows` windows; `batch` blocks
 * run side by side as one batched inference, each block starting from a fresh state `warmupWindows` before its
 * own first window (those warm-up outputs are discarded), so block edges do not change the probabilities
 * noticeably. batch 1 with a block longer than the audio is the plain sequential run.
 */
export interface VadSchedule {
  batch: number;
  blockWindows: number;
  warmupWindows: number;
}

/** 16 blocks of 15.0 s, 1 s warm-up: about 3× the throughput of one window at a time, 4 minutes of audio buffered. */
export const DEFAULT_VAD_SCHEDULE: VadSchedule = { batch: 16, blockWindows: 469, warmupWindows: 32 };

/** Messages from the core to the VAD worker. */
export type ToVadWorker =
  | { type: 'init'; model: Uint8Array; card: ModelCard; spec: VadModelSpec; schedule: VadSchedule }
  | { type: 'audio'; samples: Float32Array }
  | { type: 'end' };

/** Messages from the VAD worker to the core. */
export type FromVadWorker =
  | { type: 'ready' }
  /** Samples received and no longer needed (their windows are done); the core's cue to send more audio. */
  | { type: 'progress'; processed: number }
  | { type: 'done'; probs: Float32Array; samples: number }
  | { type: 'error'; code: 'UNSUPPORTED_FILE' | 'INTERNAL'; message: string };
