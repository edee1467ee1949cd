type Signal<T> = { kind: 'event'; value: T } | { kind: 'error'; error: unknown } | { kind: 'end' };

export interface EventStreamOptions<TIn, TOut> {
  /** Turns one pushed event into what the consumer receives; events are resolved one at a time, in order. */
  resolve(event: TIn): Promise<TOut>;
  /** Called once, when the stream ends for any reason (consumer return, failure, end): release the source. */
  onClose(): void;
  /** Events allowed to wait for a slow consumer before the stream fails. */
  maxBuffered: number;
}

export class SlowConsumerError extends Error {}

/**
 * A push-to-pull bridge from a callback source (a graphql-ws sink) to an AsyncGenerator that graphql-ws serves.
 * Hand-written rather than an `async function*`, because a generator suspended on "wait for the next event"
 * cannot run `return()` until that event arrives: a client leaving a quiet subscription would leave the
 * upstream subscription open. Here `return()` closes at once and wakes the pending `next()`.
 */
export class EventStream<TIn, TOut> implements AsyncGenerator<TOut, undefined, unknown> {
  private readonly queue: Signal<TIn>[] = [];
  private buffered = 0;
  private wake: (() => void) | undefined;
  private ended = false;
  private closed = false;

  constructor(private readonly options: EventStreamOptions<TIn, TOut>) {}

  push(value: TIn): void {
    if (this.ended) return;
    if (this.buffered >= this.options.maxBuffered) {
      // Drop what is queued: the consumer should learn it fell behind now, not after the backlog.
      this.queue.length = 0;
      this.buffered = 0;
      this.fail(new SlowConsumerError(`More than ${this.options.maxBuffered} events waited for the client`));
      return;
    }
    this.buffered += 1;
    this.signal({ kind: 'event', value });
  }

  fail(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.signal({ kind: 'error', error });
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.signal({ kind: 'end' });
  }

  async next(): Promise<IteratorResult<TOut, undefined>> {
    while (!this.closed) {
      const signal = this.queue.shift();
      if (!signal) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      if (signal.kind === 'event') {
        this.buffered -= 1;
        const value = await this.options.resolve(signal.value);
        if (this.closed) break;
        return { done: false, value };
      }
      this.close();
      if (signal.kind === 'error') throw signal.error;
    }
    return { done: true, value: undefined };
  }

  async return(): Promise<IteratorResult<TOut, undefined>> {
    this.close();
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<TOut, undefined>> {
    this.close();
    throw error;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private signal(signal: Signal<TIn>): void {
    this.queue.push(signal);
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ended = true;
    this.queue.length = 0;
    this.wakeUp();
    this.options.onClose();
  }
}
