/** Raised to a subscriber that fell too far behind: events were dropped, so its stream is no longer complete. */
export class EventBusOverflowError extends Error {
  constructor(
    public readonly topic: string,
    public readonly capacity: number,
  ) {
    super(`subscriber of "${topic}" fell ${capacity} events behind; the subscription was ended`);
    this.name = 'EventBusOverflowError';
  }
}

/** The default bound on events waiting for one subscriber. */
export const DEFAULT_MAX_QUEUED_EVENTS = 10_000;

interface Waiter<T> {
  resolve(result: IteratorResult<T>): void;
  reject(error: unknown): void;
}

/**
 * The async iterator handed to one subscriber: a bounded buffer between the bus (push) and the consumer
 * (next). The bus never blocks on a slow consumer; instead a consumer that lets `capacity` events pile up is
 * ended with an `EventBusOverflowError`, because silently dropping events or growing without bound are worse.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly waiters: Waiter<T>[] = [];
  private failure: Error | undefined;
  private ended = false;

  /**
   * @param onEnd runs exactly once when the iteration ends, whatever ended it (used to unsubscribe).
   */
  constructor(
    private readonly topic: string,
    private readonly capacity: number,
    private readonly onEnd: () => void,
  ) {}

  get isEnded(): boolean {
    return this.ended;
  }

  push(value: T): void {
    if (this.ended) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.resolve({ value, done: false });
    } else if (this.buffer.length >= this.capacity) {
      this.fail(new EventBusOverflowError(this.topic, this.capacity));
    } else {
      this.buffer.push(value);
    }
  }

  /** Ends the iteration; events already buffered are still delivered (used by `close()`). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const waiter of this.waiters.splice(0)) waiter.resolve({ value: undefined, done: true });
    this.onEnd();
  }

  /** Ends the iteration with an error; buffered events are dropped since the stream is already incomplete. */
  fail(error: Error): void {
    if (this.ended) return;
    this.buffer.length = 0;
    const waiter = this.waiters.shift();
    if (waiter) waiter.reject(error);
    else this.failure = error;
    this.end();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Called by `for await` on `break`, and by consumers that stop early: unsubscribes and drops the buffer. */
  return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.failure = undefined;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.end();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * Wires an abort signal to a queue: aborting ends the iteration (and so unsubscribes); the listener is removed
 * when the iteration ends some other way, so long-lived signals do not accumulate listeners.
 */
export function endOnAbort(queue: EventQueue<unknown>, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => {};
  const onAbort = () => queue.return();
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

/** Payloads travel as JSON in every implementation, so in-process and Redis subscribers see the same values. */
export function encodePayload(topic: string, payload: unknown): string {
  const json = JSON.stringify(payload);
  if (json === undefined) throw new TypeError(`payload published on "${topic}" is not JSON-serializable`);
  return json;
}
