/**
 * Adaptive micro-batching, after Triton's dynamic batcher and MLServer's adaptive batching: single rows that
 * arrive while a run is in progress wait for it and then run together as one batch, so a busy model serves many
 * callers per `session.run` while an idle one answers at once. Each caller gets its own row's result, or its own
 * error: a row that cannot be fed fails alone, never the batch it shared.
 */

export interface MicroBatcherOptions<Row, Result> {
  /** Runs rows as one batch and answers one result per row, in order. */
  run: (rows: Row[]) => Promise<Result[]>;
  /**
   * Rows of one batch at most.
   * @default 64
   */
  maxBatchSize?: number;
  /**
   * How long a queued row may wait for others to fill its batch, counted from its arrival (Triton's
   * `max_queue_delay_microseconds`). A row that finds nothing running and nothing queued never waits.
   * @default 2
   */
  maxDelayMs?: number;
  /** Sees each batch's size (for a histogram). */
  onBatch?: (size: number) => void;
}

interface Pending<Row, Result> {
  row: Row;
  /** `performance.now()` when it was queued. */
  queuedAt: number;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export class MicroBatcher<Row, Result> {
  private readonly queue: Pending<Row, Result>[] = [];
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly maxBatchSize: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: MicroBatcherOptions<Row, Result>) {
    this.maxBatchSize = options.maxBatchSize ?? 64;
    this.maxDelayMs = options.maxDelayMs ?? 2;
  }

  /** The row's result, computed alone or in a batch with rows of other callers. */
  submit(row: Row): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const idle = !this.running && this.queue.length === 0;
      this.queue.push({ row, queuedAt: performance.now(), resolve, reject });
      if (idle || this.queue.length >= this.maxBatchSize) this.runNow();
    });
  }

  /** Rows waiting for a run. */
  get queued(): number {
    return this.queue.length;
  }

  /** After a run: a full batch goes at once, else when its oldest row has waited `maxDelayMs`. */
  private scheduleNext(): void {
    if (this.queue.length === 0 || this.timer) return;
    const waited = performance.now() - this.queue[0].queuedAt;
    if (this.queue.length >= this.maxBatchSize || waited >= this.maxDelayMs) return this.runNow();
    this.timer = setTimeout(() => this.runNow(), this.maxDelayMs - waited);
  }

  private runNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatchSize);
    this.running = true;
    this.options.onBatch?.(batch.length);
    void this.runBatch(batch).finally(() => {
      this.running = false;
      this.scheduleNext();
    });
  }

  private async runBatch(batch: Pending<Row, Result>[]): Promise<void> {
    try {
      const results = await this.options.run(batch.map((pending) => pending.row));
      batch.forEach((pending, i) => pending.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // One row may be the cause: each runs alone, so only the rows at fault fail.
      await Promise.all(batch.map((pending) => this.runAlone(pending)));
    }
  }

  private async runAlone(pending: Pending<Row, Result>): Promise<void> {
    try {
      pending.resolve((await this.options.run([pending.row]))[0]);
    } catch (error) {
      pending.reject(error);
    }
  }
}
