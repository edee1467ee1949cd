import type { Redis } from '../redis';
import type { Cache } from './cache';
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

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    assertTtl(ttlSeconds);
    // PX rather than EX so a fractional ttl is honoured instead of rounded.
    await this.redis.set(
      this.keyPrefix + key,
      encodeValue(key, value),
      'PX',
      Math.max(1, Math.round(ttlSeconds * 1000)),
    );
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.keyPrefix + key);
  }

  async close(): Promise<void> {}
}
