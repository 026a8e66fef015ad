/** A least-recently-used cache bounded by the total size of its values (in bytes). */
export class LruCache<V> {
  private readonly map = new Map<string, { value: V; size: number }>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (v: V) => number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  /** The cached value, without counting a hit or a miss or refreshing it. */
  peek(key: string): V | undefined {
    return this.map.get(key)?.value;
  }

  /** Whether the key is cached, without counting a hit or a miss or refreshing it. */
  has(key: string): boolean {
    return this.map.has(key);
  }

  set(key: string, value: V): void {
    const size = this.sizeOf(value);
    const old = this.map.get(key);
    if (old) {
      this.bytes -= old.size;
      this.map.delete(key);
    }
    if (size > this.maxBytes) return;
    this.map.set(key, { value, size });
    this.bytes += size;
    while (this.bytes > this.maxBytes) {
      const oldest = this.map.keys().next().value as string;
      this.bytes -= this.map.get(oldest)!.size;
      this.map.delete(oldest);
    }
  }

  /** Drops every entry whose key starts with `prefix` (one slide's tiles). */
  deletePrefix(prefix: string): void {
    for (const [k, e] of this.map) {
      if (k.startsWith(prefix)) {
        this.bytes -= e.size;
        this.map.delete(k);
      }
    }
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }
}

/**
 * Runs `make` once per key at a time: concurrent requests for the same tile share one decode.
 */
export class InFlight<V> {
  private readonly pending = new Map<string, Promise<V>>();
  run(key: string, make: () => Promise<V>): Promise<V> {
    const p = this.pending.get(key);
    if (p) return p;
    const q = make().finally(() => this.pending.delete(key));
    this.pending.set(key, q);
    return q;
  }
}
