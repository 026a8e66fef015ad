import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttleTrailing } from '../../../renderer/src/features/recording/throttle';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const INTERVAL = 1000 / 30;

describe('the viewport throttle (at most 30 per second, and once after a burst)', () => {
  it('runs at once when called after a quiet spell', () => {
    const runs: number[] = [];
    const th = throttleTrailing(() => runs.push(performance.now()), INTERVAL);
    th.call();
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(500);
    th.call();
    expect(runs).toHaveLength(2);
  });

  it('turns a second of calls every 4 ms into at most 30 runs a second, each at least 1/30 s after the one before', () => {
    const runs: number[] = [];
    const th = throttleTrailing(() => runs.push(performance.now()), INTERVAL);
    for (let t = 0; t < 1000; t += 4) {
      th.call();
      vi.advanceTimersByTime(4);
    }
    vi.advanceTimersByTime(100);
    expect(runs.filter((t) => t < 1000).length).toBeGreaterThanOrEqual(29);
    expect(runs.filter((t) => t < 1000).length).toBeLessThanOrEqual(30);
    for (let i = 1; i < runs.length; i++) expect(runs[i] - runs[i - 1]).toBeGreaterThanOrEqual(INTERVAL - 1e-9);
  });

  it('runs once more after the last call of a burst, so the state the movement ended in is captured', () => {
    let state = 0;
    const seen: number[] = [];
    const th = throttleTrailing(() => seen.push(state), INTERVAL);
    state = 1;
    th.call(); // runs now
    vi.advanceTimersByTime(5);
    state = 2;
    th.call(); // too soon: deferred
    vi.advanceTimersByTime(5);
    state = 3;
    th.call(); // folded into the deferred run
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(INTERVAL);
    expect(seen).toEqual([1, 3]);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([1, 3]);
  });

  it('cancel drops a deferred run', () => {
    const fn = vi.fn();
    const th = throttleTrailing(fn, INTERVAL);
    th.call();
    th.call();
    th.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
