export interface Batch<E> {
  seq: number;
  events: E[];
}

export interface BatchQueueOptions {
  /** Seal a batch when it holds this many events… */
  maxEvents: number;
  /** …or about this many bytes of the events whose size is given (large ones, e.g. annotation shapes)… */
  maxBytes: number;
  /** …or when its first event is this old. */
  intervalMs: number;
  /** Retry delays after a failed send grow from this… */
  retryMinMs: number;
  /** …up to this. */
  retryMaxMs: number;
}

// maxBytes keeps a batch well inside the browser-mode host's 16 MB request limit.
export const DEFAULT_BATCH_OPTIONS: BatchQueueOptions = { maxEvents: 200, maxBytes: 1 << 20, intervalMs: 250, retryMinMs: 250, retryMaxMs: 5000 };

/**
 * Events are sealed into numbered batches and sent one at a time, in order. A batch leaves the queue only when the
 * core acknowledged it (after its commit); a failed send is retried with the same number, so the core can
 * recognise a batch it already stored.
 */
export class BatchQueue<E> {
  private current: E[] = [];
  private currentBytes = 0;
  private outbox: Batch<E>[] = [];
  private nextSeq: number;
  private sealTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private sending = false;
  private retryMs: number;
  private idleWaiters: Array<() => void> = [];
  lastError: string | null = null;
  /** Set when the core refused a batch for good (retrying cannot help); the queue then stops sending. */
  fatalError: string | null = null;

  constructor(
    private readonly send: (batch: Batch<E>) => Promise<void>,
    firstSeq: number,
    private readonly opts: BatchQueueOptions = DEFAULT_BATCH_OPTIONS,
    private readonly onChange: () => void = () => undefined,
    private readonly isFatal: (e: unknown) => boolean = () => false,
  ) {
    this.nextSeq = firstSeq;
    this.retryMs = opts.retryMinMs;
  }

  /** `bytes`: the event's serialised size, when it may be large; a batch never mixes one with others past maxBytes. */
  push(event: E, bytes = 0): void {
    if (this.current.length && this.currentBytes + bytes > this.opts.maxBytes) this.seal();
    this.current.push(event);
    this.currentBytes += bytes;
    if (this.current.length >= this.opts.maxEvents || this.currentBytes >= this.opts.maxBytes) this.seal();
    else if (!this.sealTimer) this.sealTimer = setTimeout(() => this.seal(), this.opts.intervalMs);
  }

  /** Batches (sealed and not) that the core has not acknowledged yet. */
  unacknowledged(): Batch<E>[] {
    const pending = [...this.outbox];
    if (this.current.length) pending.push({ seq: this.nextSeq, events: [...this.current] });
    return pending;
  }

  /** Puts batches saved before a reload back in front of the queue, keeping their numbers. */
  restore(batches: Batch<E>[]): void {
    const sorted = [...batches].sort((a, b) => a.seq - b.seq);
    this.outbox.unshift(...sorted);
    const last = sorted.at(-1);
    if (last && last.seq >= this.nextSeq) this.nextSeq = last.seq + 1;
    void this.pump();
  }

  get pendingEvents(): number {
    return this.outbox.reduce((n, b) => n + b.events.length, 0) + this.current.length;
  }

  /**
   * For a page going away: seals what is buffered (without sending it) and returns the one batch not acknowledged
   * yet, when there is exactly one and nothing is being sent, so that sending it another way can neither overtake
   * nor be overtaken by an earlier batch. The batch stays queued until it is acknowledged.
   */
  lastBatchForUnload(): Batch<E> | null {
    if (this.sealTimer) {
      clearTimeout(this.sealTimer);
      this.sealTimer = null;
    }
    if (this.current.length) {
      this.outbox.push({ seq: this.nextSeq++, events: this.current });
      this.current = [];
      this.currentBytes = 0;
    }
    return this.outbox.length === 1 && !this.sending && !this.fatalError ? this.outbox[0] : null;
  }

  /** Seals what is buffered and resolves once everything is acknowledged. */
  flush(): Promise<void> {
    this.seal();
    void this.pump();
    if (!this.outbox.length && !this.sending) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    if (this.sealTimer) clearTimeout(this.sealTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.sealTimer = this.retryTimer = null;
  }

  private seal(): void {
    if (this.sealTimer) {
      clearTimeout(this.sealTimer);
      this.sealTimer = null;
    }
    if (!this.current.length) return;
    this.outbox.push({ seq: this.nextSeq++, events: this.current });
    this.current = [];
    this.currentBytes = 0;
    this.onChange();
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.sending || this.retryTimer || this.fatalError) return;
    this.sending = true;
    try {
      while (this.outbox.length) {
        const batch = this.outbox[0];
        try {
          await this.send(batch);
        } catch (e) {
          this.lastError = e instanceof Error ? e.message : String(e);
          if (this.isFatal(e)) {
            this.fatalError = this.lastError;
            this.onChange();
            return;
          }
          this.onChange();
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            void this.pump();
          }, this.retryMs);
          this.retryMs = Math.min(this.retryMs * 2, this.opts.retryMaxMs);
          return;
        }
        this.outbox.shift();
        this.retryMs = this.opts.retryMinMs;
        this.lastError = null;
        this.onChange();
      }
    } finally {
      this.sending = false;
    }
    if (!this.outbox.length && !this.current.length) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}
