import type { Redis } from '../redis';
import { assertLimits, decide, windowKey } from './fixed-window';
import type { RateLimitDecision, RateLimiter } from './rate-limiter';

export interface RedisRateLimiterOptions {
  /**
   * Prepended to every counter key.
   * @default 'rate-limit:'
   */
  keyPrefix?: string;
}

/**
 * INCR and PEXPIRE in one script, so concurrent requests on several replicas are counted exactly and a
 * window can never be left without expiry (which would block a key forever). A counter found without a TTL
 * (e.g. written by hand) gets one.
 */
const CONSUME_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

/** Fixed-window counters in Redis, shared by every replica. Borrows the connection (see RedisCache). */
export class RedisRateLimiter implements RateLimiter {
  private readonly keyPrefix: string;

  constructor(
    private readonly redis: Redis,
    options: RedisRateLimiterOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? 'rate-limit:';
    // defineCommand sends EVALSHA and falls back to EVAL once per connection, so the script is not resent.
    if (!('mlaasRateLimitConsume' in this.redis)) {
      this.redis.defineCommand('mlaasRateLimitConsume', { numberOfKeys: 1, lua: CONSUME_SCRIPT });
    }
  }

  async consume(key: string, limit: number, windowSeconds: number): Promise<RateLimitDecision> {
    assertLimits(limit, windowSeconds);
    const redisKey = this.keyPrefix + windowKey(key, windowSeconds);
    const run = (this.redis as unknown as ConsumeCommand).mlaasRateLimitConsume;
    const [count, ttl] = await run.call(this.redis, redisKey, windowSeconds * 1000);
    return decide(count, limit, ttl);
  }

  async close(): Promise<void> {}
}

interface ConsumeCommand {
  mlaasRateLimitConsume(key: string, windowMs: number): Promise<[number, number]>;
}
