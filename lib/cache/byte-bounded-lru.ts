export interface ByteBoundedLruOptions {
  /** Budget of keys and values, in bytes (UTF-16 code units × 2, what V8 holds for a string, plus overhead). */
  maxBytes: number;
  /** The clock, in milliseconds (tests pass a fake one). @default Date.now */
  now?: () => number;
}

interface Entry {
  value: string;
  bytes: number;
  expiresAt: number;
}

/** What an entry costs beyond its strings: the Map slot and the entry object, roughly. */
const ENTRY_OVERHEAD_BYTES = 64;

/**
 * An in-process LRU of strings with expiry, bounded by the bytes it holds rather than by a count, so a cache of
 * large answers (a classifier's probabilities) and one of small ones cost the same memory. Synchronous: a hit
 * costs no turn of the event loop.
 */
export class ByteBoundedLru {
  // A Map iterates in insertion order; re-inserting on read keeps the least recently used first.
  private readonly entries = new Map<string, Entry>();
  private readonly maxBytes: number;
  private readonly now: () => number;
  private usedBytes = 0;

  constructor(options: ByteBoundedLruOptions) {
    this.maxBytes = options.maxBytes;
    this.now = options.now ?? Date.now;
  }

  get bytes(): number {
    return this.usedBytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.usedBytes -= entry.bytes;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` for `ttlMs`; an entry larger than the whole budget is not stored. */
  set(key: string, value: string, ttlMs: number): void {
    this.remove(key);
    const bytes = (key.length + value.length) * 2 + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes, expiresAt: this.now() + ttlMs });
    this.usedBytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.usedBytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.usedBytes -= entry.bytes;
    }
  }

  clear(): void {
    this.entries.clear();
    this.usedBytes = 0;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.usedBytes -= entry.bytes;
  }
}
