import type { ServerEvent } from '../../../shared/contract';

export interface JobContext {
  signal: AbortSignal;
  progress(done: number, total: number | null, label: string): void;
}

/** Running calls that were given a job id: cancellable, and their progress is pushed as events. */
export class Jobs {
  private readonly running = new Map<string, AbortController>();
  constructor(private readonly emit: (e: ServerEvent) => void) {}

  begin(jobId: string | undefined, outer?: AbortSignal): { ctx: JobContext; end(): void } {
    const controller = new AbortController();
    if (outer) {
      if (outer.aborted) controller.abort();
      else outer.addEventListener('abort', () => controller.abort(), { once: true });
    }
    if (jobId) this.running.set(jobId, controller);
    let lastEmit = 0;
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (done, total, label) => {
        if (!jobId) return;
        const now = Date.now();
        if (now - lastEmit < 50 && total !== null && done < total) return;
        lastEmit = now;
        this.emit({ type: 'progress', jobId, label, done, total });
      },
    };
    return { ctx, end: () => jobId && this.running.delete(jobId) };
  }

  cancel(jobId: string): boolean {
    const c = this.running.get(jobId);
    if (!c) return false;
    c.abort();
    return true;
  }
}
