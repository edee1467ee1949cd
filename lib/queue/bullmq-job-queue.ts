/**
 * The job queue between processes, on BullMQ (Redis).
 *
 * The killed-worker rule. A worker holds a lock on each job it runs and renews it every lockDurationMs / 2.
 * When its process dies, the lock expires; BullMQ's stalled check (run by every live consumer, at most once
 * per stalledIntervalMs across all of them) first marks the job as suspect, and on its next pass, lock still
 * missing, increments the job's stalled counter and moves it back to wait. A surviving consumer then runs it
 * from the start with `attempt` = stalled counter + 1. Once a job has stalled more than maxStalledRetries
 * times, the consumer that takes it next does not run the handler: it calls `onAbandoned(id, reason)` and
 * the job leaves Redis.
 *
 * Why that limit is enforced here rather than by BullMQ's own `maxStalledCount`: past that count BullMQ 6.7
 * sets a deferred failure on the job (moveStalledJobsToWait-9.lua), and the worker that fetches it next fails
 * it without calling the processor and emits 'failed' in that process only (Worker.processJob ->
 * getUnrecoverableErrorMessage -> handleFailed). That event fires once per job, but AFTER the job has left
 * the active list: a process dying before our callback ran would leave the job's row RUNNING forever.
 * Deciding in the processor instead means `onAbandoned` runs while the consumer holds the job's lock, so
 * never twice at once in any number of processes, and the job only leaves Redis once it has resolved; a
 * process dying during `onAbandoned` makes the job stall again and another consumer calls it again
 * (at-least-once, hence idempotent), and an `onAbandoned` that throws (database down) is called again
 * lockDurationMs later. BullMQ's own limit is set out of reach so it never pre-empts this.
 *
 * Caveats: a handler that blocks the event loop longer than lockDurationMs loses its lock and is run a second
 * time by another consumer while still running (keep CPU-heavy work off the main thread); a consumer closed
 * while a job is running waits for it, so a shutdown that cannot wait (SIGKILL) costs that job one attempt;
 * and BullMQ's Worker.close() does not resolve while Redis is down after having been up
 * (taskforcesh/bullmq#4656), so a process's shutdown needs a deadline of its own.
 */
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type { Logger } from '../logger';
import { currentTraceCarrier, type TraceCarrier } from '../tracing/propagation';
import {
  assertJobId,
  runHandler,
  type ConsumeOptions,
  type JobConsumer,
  type JobHandler,
  type JobQueue,
} from './job-queue';

export interface BullMqJobQueueOptions {
  /** The Redis server, e.g. `redis://127.0.0.1:6379`. */
  url: string;
  /** Names the queue; must not contain ':'. Producers and consumers of the same jobs use the same name. */
  name: string;
  /**
   * BullMQ's key prefix: keys are `<prefix>:<name>:...`. Tests pass a random one so they cannot collide.
   * @default 'bull'
   */
  prefix?: string;
  /** Where failed handlers, stalled jobs and connection errors go. */
  logger: Logger;
  /**
   * How long a job's lock lives without renewal: how soon a dead worker's job can be taken over.
   * @default 30_000
   */
  lockDurationMs?: number;
  /**
   * Time between stalled-job checks; a dead worker's job is retried within lockDurationMs + 2 × this.
   * @default 30_000
   */
  stalledIntervalMs?: number;
  /**
   * How many times a job whose worker died is run again before it is abandoned.
   * @default 1
   */
  maxStalledRetries?: number;
  /**
   * How long enqueue waits for a first connection to Redis before it fails.
   * @default 5_000
   */
  connectTimeoutMs?: number;
}

export const ABANDONED_REASON = 'the worker process running this job died too many times';

/** Past any count a job can reach, so BullMQ never fails a stalled job itself (see the header). */
const OUT_OF_REACH = 1_000_000;

type ResolvedOptions = Required<BullMqJobQueueOptions>;

export class BullMqJobQueue implements JobQueue {
  readonly durable = true;
  private readonly queue: Queue;
  private readonly consumers = new Set<BullMqConsumer>();
  private readonly options: ResolvedOptions;
  private closed = false;

  constructor(options: BullMqJobQueueOptions) {
    this.options = {
      ...options,
      prefix: options.prefix ?? 'bull',
      lockDurationMs: options.lockDurationMs ?? 30_000,
      stalledIntervalMs: options.stalledIntervalMs ?? 30_000,
      maxStalledRetries: options.maxStalledRetries ?? 1,
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    };
    this.queue = new Queue(options.name, {
      prefix: this.options.prefix,
      // Bounded retries, so an enqueue during a Redis outage fails within seconds instead of hanging.
      connection: { url: options.url, maxRetriesPerRequest: 3, connectionName: 'mlaas-queue' },
      defaultJobOptions: {
        attempts: 1,
        // The database keeps the record of every job; keeping finished ones here would only grow Redis and
        // make a later enqueue of the same id a silent no-op.
        removeOnComplete: true,
        removeOnFail: true,
      },
    });
    this.queue.on('error', (error) => this.options.logger.warn({ err: error }, 'job queue connection error'));
  }

  async enqueue(id: string): Promise<void> {
    if (this.closed) throw new Error('job queue is closed');
    assertJobId(id);
    await this.connected();
    // BullMQ ignores an add whose jobId exists (waiting, running, or not yet removed after it finished).
    const trace = currentTraceCarrier();
    await this.queue.add('run', trace ? { trace } : {}, { jobId: id });
  }

  consume(handler: JobHandler, options: ConsumeOptions): JobConsumer {
    if (this.closed) throw new Error('job queue is closed');
    // A consumer started while Redis is down waits for it: BullMQ connects when it comes up.
    const consumer = new BullMqConsumer(handler, options, this.options, () =>
      this.consumers.delete(consumer),
    );
    this.consumers.add(consumer);
    return consumer;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    await this.queue.close();
  }

  /**
   * Until its first connection is up, BullMQ holds every command without limit (later outages fail commands
   * within seconds, maxRetriesPerRequest). An enqueue, on a request's path, must fail instead of hanging, and
   * fail before the command is sent so that it cannot take effect later.
   */
  private async connected(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`job queue: no connection to Redis after ${this.options.connectTimeoutMs} ms`)),
        this.options.connectTimeoutMs,
      );
    });
    try {
      await Promise.race([this.queue.waitUntilReady(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

class BullMqConsumer implements JobConsumer {
  private readonly worker: Worker;
  private connected = false;
  private stopping: Promise<void> | undefined;

  constructor(
    handler: JobHandler,
    options: ConsumeOptions,
    queueOptions: ResolvedOptions,
    private readonly onStop: () => void,
  ) {
    const { logger, maxStalledRetries, lockDurationMs } = queueOptions;
    const processJob = async (job: Job, token?: string) => {
      // A worker running a job has reached Redis, whether or not waitUntilReady() has said so yet: stop() must
      // then wait for the job (under load that promise can resolve after the first job started).
      this.connected = true;
      const id = job.id as string;
      const attempt = job.stalledCounter + 1;
      if (attempt <= maxStalledRetries + 1) {
        const trace = (job.data as { trace?: TraceCarrier } | undefined)?.trace;
        return runHandler(handler, { id, attempt, ...(trace ? { trace } : {}) }, logger);
      }

      logger.error({ jobId: id, attempt }, 'job abandoned: its worker died too many times');
      try {
        await options.onAbandoned(id, ABANDONED_REASON);
      } catch (error) {
        logger.error({ err: error, jobId: id }, 'onAbandoned failed; calling it again later');
        // Back to Redis (stalled counter unchanged), so the job is not lost with this failure.
        await job.moveToDelayed(Date.now() + lockDurationMs, token);
        throw new DelayedError();
      }
    };
    this.worker = new Worker(queueOptions.name, processJob, {
      prefix: queueOptions.prefix,
      connection: { url: queueOptions.url, maxRetriesPerRequest: null, connectionName: 'mlaas-worker' },
      concurrency: options.concurrency,
      lockDuration: lockDurationMs,
      stalledInterval: queueOptions.stalledIntervalMs,
      maxStalledCount: OUT_OF_REACH,
    });
    this.worker.waitUntilReady().then(
      () => (this.connected = true),
      () => {},
    );
    this.worker.on('error', (error) => logger.warn({ err: error }, 'job worker error'));
    this.worker.on('stalled', (jobId) =>
      logger.warn({ jobId }, 'job stalled: its worker died; back to wait'),
    );
    // Only failures outside the handler land here (a lock lost while finishing): runHandler catches the rest.
    this.worker.on('failed', (job, error) => logger.error({ err: error, jobId: job?.id }, 'job failed'));
  }

  stop(): Promise<void> {
    // BullMQ 6.7's graceful close waits forever for a connection that never came up (taskforcesh/bullmq#4656).
    // A worker that never reached Redis holds no job, so nothing is lost by not waiting.
    this.stopping ??= this.worker.close(!this.connected).finally(this.onStop);
    return this.stopping;
  }
}
