import type { Logger } from '../logger';
import type { EventStream } from './event-stream';

export interface StreamAppendQueueOptions {
  stream: EventStream;
  /** The stream the events go to (e.g. PREDICTION_STREAM, AUDIT_STREAM). */
  streamName: string;
  /** Entries the stream keeps at least. */
  streamMaxLength: number;
  /** Events waiting at most; more are dropped. */
  queueMax: number;
  /** Events per append at most. @default 500 */
  batchSize?: number;
  /** How long `flush` waits for the stream on shutdown before giving up on what is left. @default 5000 */
  flushTimeoutMs?: number;
  /** Counts dropped events: the queue was full, or the stream refused them. */
  onDrop(count: number): void;
  logger: Logger;
  /** Names the events in log lines ("prediction events could not be appended"). @default 'stream events' */
  label?: string;
}

/**
 * Hands events to a stream without making the producer wait: `push` only queues (bounded), and one background
 * drain appends them in batches. A slow or stalled stream fills the queue, and what does not fit is dropped and
 * counted rather than held in memory or waited for.
 */
export class StreamAppendQueue<T> {
  private queue: T[] = [];
  private draining: Promise<void> | undefined;

  constructor(private readonly options: StreamAppendQueueOptions) {}

  /** Events waiting for the stream. */
  get pending(): number {
    return this.queue.length;
  }

  push(events: readonly T[]): void {
    const room = Math.max(0, this.options.queueMax - this.queue.length);
    if (events.length > room) this.options.onDrop(events.length - room);
    if (room === 0) return;
    this.queue.push(...(events.length > room ? events.slice(0, room) : events));
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Appends what is queued (on shutdown); gives up after `flushTimeoutMs` on a stream that does not answer. */
  async flush(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), this.options.flushTimeoutMs ?? 5_000);
    });
    try {
      while (this.draining) {
        const drained = this.draining.then(() => 'drained' as const);
        if ((await Promise.race([drained, expired])) === 'expired') {
          this.options.logger.warn({ pending: this.queue.length }, `${this.label} not flushed in time`);
          return;
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private get label(): string {
    return this.options.label ?? 'stream events';
  }

  private async drain(): Promise<void> {
    // One turn of the event loop first, so the events of concurrent requests go out in one append.
    await new Promise((resolve) => setImmediate(resolve));
    const { stream, streamName, streamMaxLength, batchSize = 500, logger } = this.options;
    while (this.queue.length) {
      const batch = this.queue.splice(0, batchSize);
      try {
        await stream.append(streamName, batch, { maxLength: streamMaxLength });
      } catch (error) {
        this.options.onDrop(batch.length);
        logger.warn({ err: error, dropped: batch.length }, `${this.label} could not be appended`);
      }
    }
  }
}
