import type { Cache, CacheEntry } from './cache';
import { assertTtl, encodeValue } from './cache-values';

export interface InMemoryCacheOptions {
  /**
   * Entries kept at most; the least recently used goes first, so memory stays bounded whatever the expiry.
   * @default 10_000
   */
  maxEntries?: number;
  /**
   * The clock, in milliseconds (tests pass a fake one).
   * @default Date.now
   */
  now?: () => number;
}

interface Entry {
  json: string;
  expiresAt: number;
}

/** The cache of the embedded mode. Expired entries are dropped when read or when they reach the LRU end. */
export class InMemoryCache implements Cache {
  // A Map iterates in insertion order; re-inserting on read keeps the least recently used first.
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: InMemoryCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
    if (this.maxEntries < 1) throw new RangeError('maxEntries must be at least 1');
  }

  get size(): number {
    return this.entries.size;
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return JSON.parse(entry.json) as T;
  }

  async getMany<T = unknown>(keys: readonly string[]): Promise<(T | undefined)[]> {
    return Promise.all(keys.map((key) => this.get<T>(key)));
  }

  async setMany(entries: readonly CacheEntry[], ttlSeconds: number): Promise<void> {
    assertTtl(ttlSeconds);
    for (const { key, value } of entries) await this.set(key, value, ttlSeconds);
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    assertTtl(ttlSeconds);
    const json = encodeValue(key, value);
    this.entries.delete(key);
    this.entries.set(key, { json, expiresAt: this.now() + ttlSeconds * 1000 });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
