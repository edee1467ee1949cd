/**
 * Turns "something changed" notifications into values a client receives: at most one per `intervalMs`, read
 * after the notifications that led to it, and only when it differs from the last one delivered. Notifications that
 * arrive while waiting collapse into one read.
 */
export class ThrottledChanges<T> implements AsyncIterableIterator<T> {
  private dirty = false;
  private ended = false;
  private failure: unknown;
  private lastDeliveredAt = -Infinity;
  private wake: (() => void) | undefined;

  /**
   * @param notifications ends (or fails) the iteration when it does.
   * @param read the current value.
   * @param fingerprint equal for values the client should not receive twice.
   * @param last the fingerprint of the value the client already has (the state when it subscribed).
   * @param onEnd runs once when the iteration ends (unsubscribes from the notifications).
   */
  constructor(
    notifications: AsyncIterable<unknown>,
    private readonly read: () => Promise<T>,
    private readonly fingerprint: (value: T) => string,
    private last: string,
    private readonly intervalMs: number,
    private readonly onEnd: () => void,
  ) {
    void this.pump(notifications);
  }

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      if (this.ended) return this.finish();
      if (!this.dirty) {
        await this.pause(Infinity);
        continue;
      }
      const wait = this.lastDeliveredAt + this.intervalMs - Date.now();
      if (wait > 0) {
        await this.pause(wait);
        continue;
      }
      this.dirty = false;
      const value = await this.read();
      const print = this.fingerprint(value);
      if (print === this.last || this.ended) continue;
      this.last = print;
      this.lastDeliveredAt = Date.now();
      return { value, done: false };
    }
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.end();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private async pump(notifications: AsyncIterable<unknown>): Promise<void> {
    try {
      const iterator = notifications[Symbol.asyncIterator]();
      while (!(await iterator.next()).done) {
        this.dirty = true;
        this.wake?.();
      }
    } catch (error) {
      this.failure = error;
    }
    this.end();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.wake?.();
    this.onEnd();
  }

  private finish(): Promise<IteratorResult<T>> {
    const failure = this.failure;
    this.failure = undefined;
    return failure ? Promise.reject(failure) : Promise.resolve({ value: undefined, done: true });
  }

  /** Until `ms` pass or something happens (a notification, the end). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      if (Number.isFinite(ms)) timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
