import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchQueue, type Batch } from '../../../renderer/src/features/recording/batchQueue';

const opts = { maxEvents: 3, maxBytes: 1000, intervalMs: 250, retryMinMs: 100, retryMaxMs: 400 };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the recorder batch queue', () => {
  it('seals a batch at the size limit or after the interval, numbering batches in order', async () => {
    const sent: Batch<number>[] = [];
    const q = new BatchQueue<number>(async (b) => void sent.push(b), 0, opts);
    [1, 2, 3, 4].forEach((e) => q.push(e));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([{ seq: 0, events: [1, 2, 3] }]);
    await vi.advanceTimersByTimeAsync(249);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([
      { seq: 0, events: [1, 2, 3] },
      { seq: 1, events: [4] },
    ]);
  });

  it('seals by size too, so large events (annotation shapes) never pile up past the limit in one batch', async () => {
    const sent: Batch<number>[] = [];
    const q = new BatchQueue<number>(async (b) => void sent.push(b), 0, opts);
    q.push(1);
    q.push(2, 600);
    q.push(3, 600);
    q.push(4, 2500);
    await vi.advanceTimersByTimeAsync(250);
    expect(sent).toEqual([
      { seq: 0, events: [1, 2] },
      { seq: 1, events: [3] },
      { seq: 2, events: [4] },
    ]);
  });

  it('keeps a batch until it is acknowledged and retries it with the same number, in order', async () => {
    const attempts: number[] = [];
    let failures = 2;
    const q = new BatchQueue<number>(
      async (b) => {
        attempts.push(b.seq);
        if (b.seq === 5 && failures-- > 0) throw new Error('backend away');
      },
      5,
      opts,
    );
    [1, 2, 3, 4, 5, 6].forEach((e) => q.push(e));
    await vi.advanceTimersByTimeAsync(0);
    expect(q.lastError).toBe('backend away');
    expect(q.pendingEvents).toBe(6);
    await vi.advanceTimersByTimeAsync(100 + 200);
    expect(attempts).toEqual([5, 5, 5, 6]);
    expect(q.pendingEvents).toBe(0);
    expect(q.lastError).toBeNull();
  });

  it('flush resolves only once everything is acknowledged', async () => {
    let ok = false;
    const q = new BatchQueue<number>(async () => {
      if (!ok) throw new Error('down');
    }, 0, opts);
    q.push(1);
    let done = false;
    void q.flush().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(done).toBe(false);
    ok = true;
    await vi.advanceTimersByTimeAsync(500);
    expect(done).toBe(true);
  });

  it('hands back unacknowledged batches with their numbers, and restores them in front after a reload', async () => {
    const q1 = new BatchQueue<number>(async () => {
      throw new Error('down');
    }, 0, opts);
    [1, 2, 3, 4].forEach((e) => q1.push(e));
    await vi.advanceTimersByTimeAsync(0);
    const saved = q1.unacknowledged();
    expect(saved).toEqual([
      { seq: 0, events: [1, 2, 3] },
      { seq: 1, events: [4] },
    ]);
    q1.dispose();

    const sent: Batch<number>[] = [];
    const q2 = new BatchQueue<number>(async (b) => void sent.push(b), 0, opts);
    q2.restore(saved);
    q2.push(5);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent.map((b) => b.seq)).toEqual([0, 1, 2]);
    expect(sent[2].events).toEqual([5]);
  });
});

describe('a batch the core refuses for good', () => {
  it('stops the queue instead of retrying forever, keeping the events', async () => {
    let calls = 0;
    const q = new BatchQueue<number>(
      async () => {
        calls++;
        throw Object.assign(new Error('session is no longer recording'), { fatal: true });
      },
      0,
      opts,
      () => undefined,
      (e) => (e as { fatal?: boolean }).fatal === true,
    );
    q.push(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toBe(1);
    expect(q.fatalError).toBe('session is no longer recording');
    expect(q.unacknowledged()).toEqual([{ seq: 0, events: [1] }]);
  });
});
