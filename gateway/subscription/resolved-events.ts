import { EventQueue } from '../../lib/bus/event-queue';

/** What waits in the queue: an event, or the upstream failure that came after the events before it. */
type Item<T> = { event: T } | { failure: unknown };

export interface ResolvedEventsOptions<TIn, TOut> {
  /** Names the stream in the error raised to a consumer that fell behind. */
  label: string;
  /** Turns one pushed event into what the consumer receives; run when the consumer pulls, one at a time, in order. */
  resolve(event: TIn): Promise<TOut>;
  /** Called once, when the stream ends for any reason (consumer return, failure, end): release the source. */
  onClose(): void;
  /** Events allowed to wait for a slow consumer before the stream fails with EventBusOverflowError. */
  maxBuffered: number;
}

/**
 * The bridge from a callback source (a graphql-ws sink) to the async iterator graphql-ws serves: lib/bus's
 * EventQueue, plus resolving each event as it is pulled. Not an `async function*`, because a generator suspended
 * on "wait for the next event" cannot run `return()` until that event arrives: a client leaving a quiet
 * subscription would leave the upstream subscription open. EventQueue's `return()` ends at once and wakes the
 * pending `next()`.
 *
 * A failure of the source travels through the queue behind the events that came before it: EventQueue's own
 * `fail()` drops the backlog, which is right only for a consumer that fell behind (and is used for exactly that).
 */
export class ResolvedEvents<TIn, TOut> implements AsyncIterableIterator<TOut> {
  private readonly queue: EventQueue<Item<TIn>>;
  private returned = false;

  constructor(private readonly options: ResolvedEventsOptions<TIn, TOut>) {
    this.queue = new EventQueue<Item<TIn>>(options.label, options.maxBuffered, options.onClose);
  }

  push(event: TIn): void {
    this.queue.push({ event });
  }

  /** Ends the stream with `failure`, after the events already pushed. */
  fail(failure: unknown): void {
    if (this.queue.isEnded) return;
    this.queue.push({ failure });
    this.queue.end();
  }

  /** Ends the stream after the events already pushed. */
  end(): void {
    this.queue.end();
  }

  async next(): Promise<IteratorResult<TOut, undefined>> {
    const item = await this.queue.next();
    if (item.done) return { done: true, value: undefined };
    if ('failure' in item.value) {
      await this.queue.return();
      throw item.value.failure;
    }
    const value = await this.options.resolve(item.value.event);
    // The consumer may have left while the event was being resolved.
    if (this.returned) return { done: true, value: undefined };
    return { done: false, value };
  }

  async return(): Promise<IteratorResult<TOut, undefined>> {
    this.returned = true;
    await this.queue.return();
    return { done: true, value: undefined };
  }

  async throw(error?: unknown): Promise<IteratorResult<TOut, undefined>> {
    this.returned = true;
    await this.queue.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
