import { randomBytes } from 'node:crypto';
import { closeRedis, createRedis, type Redis } from '../../lib/redis';

/** The Redis server tests run against (this machine's, or CI's). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRedis {
  url: string;
  /** A connection for the test file; closed by `cleanup()`. */
  redis: Redis;
  /** A random prefix for every key and channel of the test file, so files running at once cannot collide. */
  prefix: string;
  /** Opens another connection (as another process would); closed by `cleanup()`. */
  connect(): Redis;
  /** Deletes the file's keys and closes its connections. */
  cleanup(): Promise<void>;
}

export function createTestRedis(label = 'test'): TestRedis {
  const prefix = `test:${label}:${randomBytes(4).toString('hex')}:`;
  const connections: Redis[] = [];
  const connect = () => {
    const connection = createRedis(TEST_REDIS_URL, { connectionName: `mlaas-test-${label}` });
    connections.push(connection);
    return connection;
  };
  const redis = connect();
  return {
    url: TEST_REDIS_URL,
    redis,
    prefix,
    connect,
    async cleanup() {
      await deleteKeys(redis, `${prefix}*`);
      await Promise.all(connections.map(closeRedis));
    },
  };
}

/** SCAN rather than KEYS, so cleaning up never blocks a Redis that others use. */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Resolves after `ms`: only for waiting out a real expiry in Redis, never for waiting on an event. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
