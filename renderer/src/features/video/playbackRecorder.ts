import type { PlaybackEvent } from '../../../../shared/contract';
import { AppError } from '../../../../shared/contract';
import { api, newJobId } from '../../api/client';
import { BatchQueue, DEFAULT_BATCH_OPTIONS } from '../recording/batchQueue';

/**
 * Records the annotator's own playback actions (open, play, pause, seek, rate, loop, ended, close) on one video in
 * numbered batches that leave the queue only once the core has stored them.
 */
export class PlaybackRecorder {
  private readonly queue: BatchQueue<PlaybackEvent>;
  readonly session = newJobId();

  constructor(readonly videoId: number) {
    this.queue = new BatchQueue<PlaybackEvent>(
      async (b) => {
        await api.call('video.events.append', { videoId, session: this.session, seq: b.seq, events: b.events });
      },
      0,
      { ...DEFAULT_BATCH_OPTIONS, maxEvents: 100, intervalMs: 1000, retryMinMs: 500, retryMaxMs: 10_000 },
      () => undefined,
      (e) => e instanceof AppError && ['CONFLICT', 'INVALID_INPUT', 'NOT_FOUND'].includes(e.code),
    );
  }

  record(type: PlaybackEvent['type'], positionMs: number, extra: { fromMs?: number; value?: number } = {}): void {
    const e: PlaybackEvent = { type, atMs: Date.now(), positionMs: Math.max(0, Math.round(positionMs)) };
    if (extra.fromMs !== undefined) e.fromMs = Math.max(0, Math.round(extra.fromMs));
    if (extra.value !== undefined) e.value = extra.value;
    this.queue.push(e);
  }

  /** Sends what is left; resolves once stored or after `timeoutMs`. */
  async close(positionMs: number, timeoutMs = 3000): Promise<void> {
    this.record('close', positionMs);
    await Promise.race([this.queue.flush(), new Promise((r) => setTimeout(r, timeoutMs))]);
    this.queue.dispose();
  }

  get pending(): number {
    return this.queue.pendingEvents;
  }
}
