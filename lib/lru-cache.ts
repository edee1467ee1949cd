export interface LruCacheOptions<K, V> {
  /** Entries kept at most. @default Infinity */
  maxEntries?: number;
  /** Budget of the entries, as `sizeOf` counts them; an entry larger than the whole budget is not kept. */
  maxBytes?: number;
  /** What an entry costs, in bytes. Required with `maxBytes`. */
  sizeOf?: (key: K, value: V) => number;
}

/** A bounded map that forgets the least recently used entry first, bounded by a count, by bytes, or both. */
export class LruCache<K, V> {
  // A Map iterates in insertion order; re-inserting on read keeps the least recently used first.
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly sizeOf: (key: K, value: V) => number;
  private usedBytes = 0;

  constructor(limits: number | LruCacheOptions<K, V>) {
    const options = typeof limits === 'number' ? { maxEntries: limits } : limits;
    this.maxEntries = options.maxEntries ?? Infinity;
    this.maxBytes = options.maxBytes ?? Infinity;
    if (this.maxEntries < 1) throw new RangeError('maxEntries must be at least 1');
    if (options.maxBytes !== undefined && !options.sizeOf) throw new RangeError('maxBytes needs sizeOf');
    this.sizeOf = options.sizeOf ?? (() => 0);
  }

  /** Bytes the entries cost, as `sizeOf` counts them. */
  get bytes(): number {
    return this.usedBytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.usedBytes -= entry.bytes;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const bytes = this.sizeOf(key, value);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.usedBytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.usedBytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.usedBytes -= entry.bytes;
    }
  }
}
