import type { EventStream } from '../../../lib/stream/event-stream';
import type { Logger } from '../../../lib/logger';
import { PREDICTION_STREAM, type PredictionEvent } from '../../../lib/stream/prediction-stream';

export { PREDICTION_STREAM, type PredictionEvent } from '../../../lib/stream/prediction-stream';

export interface PredictionEventQueueOptions {
  stream: EventStream;
  /** Entries the stream keeps at least (PREDICTION_STREAM_MAXLEN). */
  streamMaxLength: number;
  /** Events waiting at most (PREDICTION_EVENTS_QUEUE_MAX); more are dropped. */
  queueMax: number;
  /** Events per append at most. @default 500 */
  batchSize?: number;
  /** How long `flush` waits for the stream on shutdown before giving up on what is left. @default 5000 */
  flushTimeoutMs?: number;
  /** Counts dropped events: the queue was full, or the stream refused them. */
  onDrop(count: number): void;
  logger: Logger;
}

/**
 * Hands events to the stream without making a prediction wait: `push` only queues (bounded), and one background
 * drain appends them in batches. A slow or stalled stream fills the queue, and what does not fit is dropped and
 * counted rather than held in memory or waited for.
 */
export class PredictionEventQueue {
  private queue: PredictionEvent[] = [];
  private draining: Promise<void> | undefined;

  constructor(private readonly options: PredictionEventQueueOptions) {}

  /** Events waiting for the stream. */
  get pending(): number {
    return this.queue.length;
  }

  push(events: readonly PredictionEvent[]): void {
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
          this.options.logger.warn({ pending: this.queue.length }, 'prediction events not flushed in time');
          return;
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private async drain(): Promise<void> {
    // One turn of the event loop first, so the rows of concurrent predictions go out in one append.
    await new Promise((resolve) => setImmediate(resolve));
    const { stream, streamMaxLength, batchSize = 500, logger } = this.options;
    while (this.queue.length) {
      const batch = this.queue.splice(0, batchSize);
      try {
        await stream.append(PREDICTION_STREAM, batch, { maxLength: streamMaxLength });
      } catch (error) {
        this.options.onDrop(batch.length);
        logger.warn({ err: error, dropped: batch.length }, 'prediction events could not be appended');
      }
    }
  }
}
