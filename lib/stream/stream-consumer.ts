import type { Logger } from '../logger';
import { EventStreamClosedError, type EventStream, type StreamEntry } from './event-stream';

export interface StreamConsumerOptions<T> {
  stream: string;
  /** The consumer group: one per kind of processing (each group gets every entry once). */
  group: string;
  /** This replica's name in the group; unique per process (a restarted process is a new consumer). */
  consumer: string;
  /**
   * Processes a batch and resolves once its effects are durable; the entries are acknowledged only then. A batch
   * can be delivered again (its consumer died before acknowledging), so handling must be idempotent by the
   * event's own id.
   */
  handle(entries: StreamEntry<T>[]): Promise<void>;
  logger: Logger;
  /** Entries handled at most at once. @default 500 */
  batchSize?: number;
  /** How long one read waits for new entries (bounds how long `stop` takes). @default 500 */
  blockMs?: number;
  /**
   * Entries pending this long are presumed abandoned (their consumer died, or handling failed) and taken over.
   * @default 30_000
   */
  claimIdleMs?: number;
  /** Pause after a failed read or batch, so that a broken database is not hammered. @default 1_000 */
  retryDelayMs?: number;
}

export interface StreamConsumer {
  /** Stops reading; resolves once the batch in progress is handled (and acknowledged if it succeeded). */
  stop(): Promise<void>;
  /** Runs the loop's claim step now (tests: take over a dead consumer's entries without waiting). */
  claimNow(): Promise<number>;
}

/**
 * Reads a stream in a consumer group until stopped: new entries, and every `claimIdleMs / 2` the group's entries
 * left pending past `claimIdleMs` by a consumer that died. At least once, in batches; a failed batch stays pending
 * and is retried after `claimIdleMs` (by this replica or another).
 */
export async function startStreamConsumer<T>(
  events: EventStream,
  options: StreamConsumerOptions<T>,
): Promise<StreamConsumer> {
  const batchSize = options.batchSize ?? 500;
  const blockMs = options.blockMs ?? 500;
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const { stream, group, consumer, logger } = options;
  await events.createGroup(stream, group);

  let stopped = false;
  let lastClaimAt = Date.now();

  const process = async (entries: StreamEntry<T>[]): Promise<void> => {
    if (!entries.length) return;
    await options.handle(entries);
    await events.ack(
      stream,
      group,
      entries.map((entry) => entry.id),
    );
  };
  const claim = async (): Promise<number> => {
    lastClaimAt = Date.now();
    let claimed = 0;
    for (;;) {
      const entries = await events.claimIdle<T>(stream, {
        group,
        consumer,
        minIdleMs: claimIdleMs,
        count: batchSize,
      });
      await process(entries);
      claimed += entries.length;
      if (entries.length < batchSize) return claimed;
    }
  };
  const step = async (): Promise<void> => {
    if (Date.now() - lastClaimAt >= claimIdleMs / 2) {
      const claimed = await claim();
      if (claimed) logger.warn({ stream, group, claimed }, 'took over entries a consumer left pending');
    }
    await process(await events.readGroup<T>(stream, { group, consumer, count: batchSize, blockMs }));
  };
  const loop = (async () => {
    while (!stopped) {
      try {
        await step();
      } catch (error) {
        if (stopped) break;
        if (error instanceof EventStreamClosedError) {
          // Closed under a consumer nobody stopped (the infrastructure went first): nothing more to read.
          logger.warn({ stream, group }, 'the event stream closed under a running consumer; it stops');
          break;
        }
        logger.error({ err: error, stream, group }, 'stream batch failed; it stays pending and is retried');
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs).unref());
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
    },
    claimNow: claim,
  };
}
