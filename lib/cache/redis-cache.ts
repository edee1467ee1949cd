import type { Redis } from '../redis';
import type { Cache, CacheEntry } from './cache';
import { assertTtl, encodeValue } from './cache-values';

export interface RedisCacheOptions {
  /**
   * Prepended to every key, so the cache cannot collide with other data in the same Redis database.
   * @default 'cache:'
   */
  keyPrefix?: string;
}

/**
 * The cache shared by every replica. It borrows the connection: `close()` leaves it open for its owner
 * (the infrastructure factory), which shares it with the rate limiter.
 */
export class RedisCache implements Cache {
  private readonly keyPrefix: string;

  constructor(
    private readonly redis: Redis,
    options: RedisCacheOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? 'cache:';
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const json = await this.redis.get(this.keyPrefix + key);
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  async getMany<T = unknown>(keys: readonly string[]): Promise<(T | undefined)[]> {
    if (keys.length === 0) return [];
    const values = await this.redis.mget(keys.map((key) => this.keyPrefix + key));
    return values.map((json) => (json === null ? undefined : (JSON.parse(json) as T)));
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    assertTtl(ttlSeconds);
    await this.redis.set(this.keyPrefix + key, encodeValue(key, value), 'PX', expiryMs(ttlSeconds));
  }

  /** One pipeline: a round trip for the lot rather than one per entry (MSET takes no expiry). */
  async setMany(entries: readonly CacheEntry[], ttlSeconds: number): Promise<void> {
    assertTtl(ttlSeconds);
    if (entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { key, value } of entries)
      pipeline.set(this.keyPrefix + key, encodeValue(key, value), 'PX', expiryMs(ttlSeconds));
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.keyPrefix + key);
  }

  async close(): Promise<void> {}
}

/** PX rather than EX so a fractional ttl is honoured instead of rounded. */
const expiryMs = (ttlSeconds: number) => Math.max(1, Math.round(ttlSeconds * 1000));
