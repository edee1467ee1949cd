import type { EventBus } from './bus/event-bus';
import type { Cache } from './cache/cache';
import type { ObjectStore } from './object-store/object-store';
import type { JobQueue } from './queue/job-queue';
import type { RateLimiter } from './rate-limit/rate-limiter';
import type { EventStream } from './stream/event-stream';
import type { ReadinessCheck } from './server/health';

/**
 * The shared infrastructure a process uses: Redis- and S3-backed in production, in-memory and a file object store
 * (whose signed URLs the platform serves) in embedded mode. Built by `createInfrastructure` (lib/infrastructure-factory.ts).
 */
export interface Infrastructure {
  bus: EventBus;
  cache: Cache;
  rateLimiter: RateLimiter;
  /** Append-only event streams (Redis streams; bounded in memory in embedded mode). */
  eventStream: EventStream;
  objectStore: ObjectStore;
  /** Where clients reach the object store's presigned URLs (the embedded store's server, or S3's public endpoint). */
  objectStoreUrl: string;
  /**
   * The job queue called `name` (no ':'), the same instance for every call with that name, so that in
   * embedded mode the producer and the in-process consumer share it. Closed by `close()`.
   */
  jobQueue(name: string): JobQueue;
  /** Checks for `/health/ready`: redis, objectStore (only those this process really uses). */
  readiness: Record<string, ReadinessCheck>;
  close(): Promise<void>;
}
