import Redis from 'ioredis';
import type { Logger } from './logger';

export type { Redis };

export interface CreateRedisOptions {
  /**
   * Prepended by ioredis to every key of every command (not to pub/sub channels).
   * @default ''
   */
  keyPrefix?: string;
  /**
   * Shown by `CLIENT LIST`, so an operator can tell which process holds a connection.
   * @default 'mlaas'
   */
  connectionName?: string;
  /** Where connection errors go; without it they are dropped (ioredis retries on its own). */
  logger?: Logger;
  /**
   * How many times a command is retried across reconnects before it fails. Bounded so a request fails
   * within seconds while Redis is down instead of hanging until it comes back.
   * @default 3
   */
  maxRetriesPerRequest?: number;
}

/** Exponential-ish backoff capped at 2 s: quick recovery after a blip, no hammering during an outage. */
const retryStrategy = (attempt: number): number => Math.min(attempt * 100, 2_000);

/** Opens a Redis connection (eagerly, so a wrong URL shows up in the logs at startup). */
export function createRedis(url: string, options: CreateRedisOptions = {}): Redis {
  const redis = new Redis(url, {
    keyPrefix: options.keyPrefix ?? '',
    connectionName: options.connectionName ?? 'mlaas',
    lazyConnect: false,
    maxRetriesPerRequest: options.maxRetriesPerRequest ?? 3,
    connectTimeout: 5_000,
    // How long a closing socket may take before it is destroyed. ioredis arms this timer even when the socket
    // is already gone (closing while Redis is unreachable), and the timer keeps the process alive: keep it short.
    disconnectTimeout: 500,
    retryStrategy,
  });
  attachErrorLogger(redis, options.logger);
  return redis;
}

/**
 * Without an 'error' listener ioredis prints "Unhandled error event" for every failed reconnect attempt;
 * the errors are expected while Redis is down, so they are logged at warn level instead.
 */
export function attachErrorLogger(redis: Redis, logger: Logger | undefined): void {
  redis.on('error', (error: Error) => logger?.warn({ err: error }, 'redis connection error'));
}

/** A readiness check: resolves when Redis answers PING. */
export async function pingRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`unexpected PING answer: ${answer}`);
}

/**
 * Closes a connection politely (QUIT) when it is up, and at once when it is not, so shutdown never waits on
 * a reconnect loop.
 */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status === 'ready') {
    try {
      await redis.quit();
      return;
    } catch {
      // fall through: the connection died while quitting
    }
  }
  redis.disconnect();
}
