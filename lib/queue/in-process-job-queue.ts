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

export interface InProcessJobQueueOptions {
  /** Where failures of handlers go. */
  logger: Logger;
}

/**
 * The job queue of the embedded mode: producer and consumers share this process, so queued jobs die with it
 * (`durable: false`) and no worker can die alone, which is why `attempt` is always 1 and `onAbandoned` is
 * never called. Jobs start in enqueue order, each on the least busy consumer that has a free slot.
 */
export class InProcessJobQueue implements JobQueue {
  readonly durable = false;
  private readonly waiting: { id: string; trace?: TraceCarrier }[] = [];
  /** Ids waiting or running: what makes enqueue idempotent. */
  private readonly unfinished = new Set<string>();
  private readonly consumers = new Set<InProcessConsumer>();
  private readonly logger: Logger;
  private closed = false;

  constructor(options: InProcessJobQueueOptions) {
    this.logger = options.logger;
  }

  async enqueue(id: string): Promise<void> {
    if (this.closed) throw new Error('job queue is closed');
    assertJobId(id);
    if (this.unfinished.has(id)) return;
    this.unfinished.add(id);
    this.waiting.push({ id, trace: currentTraceCarrier() });
    this.dispatch();
  }

  consume(handler: JobHandler, options: ConsumeOptions): JobConsumer {
    if (this.closed) throw new Error('job queue is closed');
    const consumer = new InProcessConsumer(handler, options.concurrency, this.logger, () => {
      this.consumers.delete(consumer);
    });
    this.consumers.add(consumer);
    this.dispatch();
    return consumer;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    this.waiting.length = 0;
    this.unfinished.clear();
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const consumer = this.leastBusyConsumer();
      if (!consumer) return;
      const { id, trace } = this.waiting.shift()!;
      void consumer.run(id, trace).then(() => {
        this.unfinished.delete(id);
        this.dispatch();
      });
    }
  }

  private leastBusyConsumer(): InProcessConsumer | undefined {
    let chosen: InProcessConsumer | undefined;
    for (const consumer of this.consumers) {
      if (consumer.hasFreeSlot && (!chosen || consumer.runningCount < chosen.runningCount)) chosen = consumer;
    }
    return chosen;
  }
}

class InProcessConsumer implements JobConsumer {
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly handler: JobHandler,
    private readonly concurrency: number,
    private readonly logger: Logger,
    private readonly onStop: () => void,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
    }
  }

  get runningCount(): number {
    return this.running.size;
  }

  get hasFreeSlot(): boolean {
    return !this.stopped && this.running.size < this.concurrency;
  }

  /** Never rejects: `runHandler` logs whatever the handler throws. */
  run(id: string, trace?: TraceCarrier): Promise<void> {
    const run = (async () => {
      // Start the handler on a later tick, so enqueue() never runs a handler inside its caller's stack.
      await Promise.resolve();
      await runHandler(this.handler, { id, attempt: 1, ...(trace ? { trace } : {}) }, this.logger);
    })().finally(() => this.running.delete(run));
    this.running.add(run);
    return run;
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.onStop();
    }
    await Promise.all(this.running);
  }
}
