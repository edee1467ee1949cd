import type { Logger } from '../logger';
import type { TraceCarrier } from '../tracing/propagation';

/** A job as a worker receives it: the id of a database row that holds everything else. */
export interface QueuedJob {
  id: string;
  /** 1 on the first run; 2+ when it is retried because a worker died during an earlier run. */
  attempt: number;
  /**
   * The W3C trace context active when the job was first enqueued (tracing on), so its run joins the trace of
   * the request that asked for it.
   */
  trace?: TraceCarrier;
}

/**
 * Runs one job. A handler that throws is logged and NOT retried: training failures are deterministic, and the
 * handler records them on the job's row itself.
 */
export type JobHandler = (job: QueuedJob) => Promise<void>;

export interface ConsumeOptions {
  /** Handlers of this consumer running at once. */
  concurrency: number;
  /**
   * A job whose workers died more often than the retry rule allows: never handled again; the owner marks it
   * FAILED with `reason`. May be called more than once for a job when a process dies while calling it, so the
   * update must be idempotent (leave a job that is already finished alone).
   */
  onAbandoned(jobId: string, reason: string): Promise<void>;
}

export interface JobConsumer {
  /** Stops taking jobs; resolves once the handlers it is running have finished. */
  stop(): Promise<void>;
}

/**
 * Carries job ids from the process that creates a job to the processes that run it. The database row is the
 * source of truth for a job's status; the queue only decides who runs which id, and when.
 */
export interface JobQueue {
  /**
   * false when queued jobs are lost with the process (in-process queue): its owner re-enqueues unfinished
   * jobs from the database at start.
   */
  readonly durable: boolean;
  /**
   * Idempotent per id: an id that is waiting or running is not added again (once its run has ended, it can be
   * enqueued again). Rejects an id that `assertJobId` refuses. Carries the active trace context to the run.
   */
  enqueue(id: string): Promise<void>;
  consume(handler: JobHandler, options: ConsumeOptions): JobConsumer;
  /** Stops every consumer of this instance (waiting for their running handlers), then releases resources. */
  close(): Promise<void>;
}

/**
 * Job ids are opaque strings such as UUIDs. BullMQ refuses custom ids that look like integers (its own ids
 * are) or contain ':' (its key separator); every implementation refuses them, so both behave the same.
 */
export function assertJobId(id: string): void {
  if (id === '' || id.includes(':') || `${parseInt(id, 10)}` === id) {
    throw new TypeError(`invalid job id "${id}": must be non-empty, not an integer, and without ':'`);
  }
}

/** Runs a handler so that nothing it does (throwing included) can stop the consumer. */
export async function runHandler(handler: JobHandler, job: QueuedJob, logger: Logger): Promise<void> {
  try {
    await handler(job);
  } catch (error) {
    logger.error({ err: error, jobId: job.id, attempt: job.attempt }, 'job handler failed; not retried');
  }
}
