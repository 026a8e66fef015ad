/**
 * Calls `fn` at most once per `intervalMs`, and once more after the last call of a burst, so the final state
 * of a movement is always captured.
 */
export function throttleTrailing(fn: () => void, intervalMs: number): { call(): void; cancel(): void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = performance.now();
    fn();
  };
  return {
    call() {
      const wait = last + intervalMs - performance.now();
      if (wait <= 0 && !timer) run();
      // Timers count whole milliseconds and would truncate 33.3 to 33 (30.3 per second): round up.
      else if (!timer) timer = setTimeout(run, Math.max(0, Math.ceil(wait)));
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
