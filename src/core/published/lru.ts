// A bounded least-recently-used cache, limited by a total cost (bytes) and an entry count.

/**
 * Entries are kept in use order (a Map iterates in insertion order; a hit re-inserts). Adding past
 * either bound evicts the least recently used entries, never the one just added.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; cost: number }>();
  private used = 0;

  constructor(
    readonly maxCost: number,
    readonly maxEntries = Infinity,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Total cost of what is held. */
  get cost(): number {
    return this.used;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** The value, marked as just used; undefined on a miss. */
  get(key: K): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** Adds or replaces; returns the keys evicted to stay within the bounds. */
  set(key: K, value: V, cost: number): K[] {
    const old = this.entries.get(key);
    if (old) {
      this.used -= old.cost;
      this.entries.delete(key);
    }
    this.entries.set(key, { value, cost });
    this.used += cost;
    const evicted: K[] = [];
    for (const [k, e] of this.entries) {
      if ((this.used <= this.maxCost && this.entries.size <= this.maxEntries) || k === key) break;
      this.entries.delete(k);
      this.used -= e.cost;
      evicted.push(k);
    }
    return evicted;
  }

  keys(): K[] {
    return [...this.entries.keys()];
  }
}
