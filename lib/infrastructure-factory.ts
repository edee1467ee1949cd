import { InMemoryEventBus } from './bus/in-memory-event-bus';
import { RedisEventBus } from './bus/redis-event-bus';
import { InMemoryCache } from './cache/in-memory-cache';
import { RedisCache } from './cache/redis-cache';
import type { Config } from './config';
import type { Infrastructure } from './infrastructure';
import type { Logger } from './logger';
import { startEmbeddedObjectStore } from './object-store/embedded-object-store';
import { MinioObjectStore } from './object-store/minio-object-store';
import { buckets, type ObjectStore } from './object-store/object-store';
import { BullMqJobQueue } from './queue/bullmq-job-queue';
import { InProcessJobQueue } from './queue/in-process-job-queue';
import type { JobQueue } from './queue/job-queue';
import { InMemoryRateLimiter } from './rate-limit/in-memory-rate-limiter';
import { RedisRateLimiter } from './rate-limit/redis-rate-limiter';
import { closeRedis, createRedis, pingRedis } from './redis';
import { InMemoryEventStream } from './stream/in-memory-event-stream';
import { RedisEventStream } from './stream/redis-event-stream';
import type { ReadinessCheck } from './server/health';

export interface InfrastructureOptions {
  /**
   * Prepended to every Redis key and pub/sub channel this process uses; tests pass a random one so test files
   * sharing a Redis cannot see each other's data.
   * @default 'mlaas:'
   */
  redisKeyPrefix?: string;
}

type Closer = () => Promise<void>;
type OpenJobQueue = (name: string) => JobQueue;

/**
 * Builds the shared infrastructure: Redis-backed bus, cache, rate limiter and job queues (BullMQ) when
 * `config.redisUrl` is set (in-memory and in-process otherwise), and the object store on `config.s3` or,
 * without it, the embedded file store under `<dataDir>/objects`, whose signed URLs its own HTTP server verifies.
 * The platform buckets exist when the promise resolves. Job queues open on first use of their name.
 */
export async function createInfrastructure(
  config: Config,
  logger: Logger,
  options: InfrastructureOptions = {},
): Promise<Infrastructure> {
  // Closed in reverse order of opening; also used to undo a half-built infrastructure.
  const closers: Closer[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        logger.warn({ err: error }, 'error while closing infrastructure');
      }
    }
  };

  try {
    const readiness: Record<string, ReadinessCheck> = {};
    const { openJobQueue, ...ports } = openPorts(
      config,
      logger,
      options.redisKeyPrefix ?? config.redisKeyPrefix,
      closers,
      readiness,
    );

    const { objectStore, objectStoreUrl } = await openObjectStore(config, logger, closers);
    readiness.objectStore = () => objectStore.ping();

    let closing: Promise<void> | undefined;
    const jobQueues = new Map<string, JobQueue>();
    const jobQueue = (name: string): JobQueue => {
      if (closing) throw new Error('infrastructure is closed');
      let queue = jobQueues.get(name);
      if (!queue) {
        const opened = openJobQueue(name);
        closers.push(() => opened.close());
        jobQueues.set(name, (queue = opened));
      }
      return queue;
    };
    return {
      ...ports,
      objectStore,
      objectStoreUrl,
      jobQueue,
      readiness,
      close: () => (closing ??= closeAll()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * The object store on `config.s3`, or the embedded file store (its server closed by `closers`); the platform buckets
 * exist on return.
 */
async function openObjectStore(
  config: Config,
  logger: Logger,
  closers: Closer[],
): Promise<{ objectStore: ObjectStore; objectStoreUrl: string }> {
  let objectStore: ObjectStore;
  let objectStoreUrl: string;
  if (config.s3) {
    const minio = new MinioObjectStore(config.s3);
    closers.push(() => minio.close());
    objectStore = minio;
    objectStoreUrl = config.s3.publicEndPoint ?? config.s3.endPoint;
  } else {
    const embedded = await startEmbeddedObjectStore({
      dataDir: config.dataDir,
      ...config.embeddedObjectStore,
      logger: logger.child({ component: 'object-store' }),
    });
    closers.push(embedded.close);
    logger.debug({ url: embedded.url }, 'embedded object store started');
    objectStore = embedded.store;
    objectStoreUrl = embedded.url;
  }
  for (const bucket of Object.values(buckets)) await objectStore.ensureBucket(bucket);
  return { objectStore, objectStoreUrl };
}

function openPorts(
  config: Config,
  logger: Logger,
  redisKeyPrefix: string,
  closers: Closer[],
  readiness: Record<string, ReadinessCheck>,
): Pick<Infrastructure, 'bus' | 'cache' | 'rateLimiter' | 'eventStream'> & { openJobQueue: OpenJobQueue } {
  if (!config.redisUrl) {
    const ports = {
      bus: new InMemoryEventBus(),
      cache: new InMemoryCache(),
      rateLimiter: new InMemoryRateLimiter(),
      eventStream: new InMemoryEventStream(),
      openJobQueue: (name: string) => new InProcessJobQueue({ logger: logger.child({ queue: name }) }),
    };
    closers.push(
      () => ports.bus.close(),
      () => ports.cache.close(),
      () => ports.rateLimiter.close(),
      () => ports.eventStream.close(),
    );
    return ports;
  }
  // One command connection shared by the publisher side of the bus, the cache, the rate limiter and the event
  // streams (appends are pipelined, so they hold the connection for one round trip per batch); the bus
  // opens its own subscriber connection.
  const url = config.redisUrl;
  const redis = createRedis(url, { logger, connectionName: 'mlaas' });
  closers.push(() => closeRedis(redis));
  const bus = new RedisEventBus(redis, { topicPrefix: `${redisKeyPrefix}bus:`, logger });
  closers.push(() => bus.close());
  // Its blocking reads have a connection of their own, which only its close() ends.
  const eventStream = new RedisEventStream(redis, { keyPrefix: `${redisKeyPrefix}stream:` });
  closers.push(() => eventStream.close());
  readiness.redis = () => pingRedis(redis);
  return {
    bus,
    cache: new RedisCache(redis, { keyPrefix: `${redisKeyPrefix}cache:` }),
    rateLimiter: new RedisRateLimiter(redis, { keyPrefix: `${redisKeyPrefix}rate-limit:` }),
    eventStream,
    // BullMQ opens connections of its own (a worker needs a blocking one) and closes them itself.
    openJobQueue: (name: string) =>
      new BullMqJobQueue({
        url,
        name,
        prefix: `${redisKeyPrefix}queue`,
        logger: logger.child({ queue: name }),
        // A worker renews its lock well within this, from its event loop (training runs on other threads).
        lockDurationMs: config.training.stallTimeoutMs,
        stalledIntervalMs: config.training.stallTimeoutMs,
      }),
  };
}
