import type { AppendOptions, EventStream, RangeOptions, StreamEntry } from './event-stream';
import { DEFAULT_STREAM_MAX_LENGTH } from './event-stream';

export interface InMemoryEventStreamOptions {
  /** The clock of entry ids, in milliseconds (tests pass a fake one). @default Date.now */
  now?: () => number;
}

/**
 * The streams of the embedded mode (one process, nobody else to read them): bounded exactly at `maxLength`, with
 * Redis-like ids (`<ms>-<seq>`), events kept as JSON so readers get copies as they would from Redis.
 */
export class InMemoryEventStream implements EventStream {
  private readonly streams = new Map<string, { id: string; json: string }[]>();
  private readonly now: () => number;
  private lastMs = 0;
  private sequence = 0;

  constructor(options: InMemoryEventStreamOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async append(stream: string, events: readonly unknown[], options: AppendOptions = {}): Promise<void> {
    const maxLength = options.maxLength ?? DEFAULT_STREAM_MAX_LENGTH;
    let entries = this.streams.get(stream);
    if (!entries) this.streams.set(stream, (entries = []));
    for (const event of events) entries.push({ id: this.nextId(), json: JSON.stringify(event) });
    if (entries.length > maxLength) entries.splice(0, entries.length - maxLength);
  }

  async range<T = unknown>(stream: string, options: RangeOptions = {}): Promise<StreamEntry<T>[]> {
    const entries = this.streams.get(stream) ?? [];
    return entries
      .slice(0, options.count ?? 1000)
      .map(({ id, json }) => ({ id, event: JSON.parse(json) as T }));
  }

  async close(): Promise<void> {
    this.streams.clear();
  }

  /** Increasing ids even when the clock stands still or goes back. */
  private nextId(): string {
    const ms = Math.max(this.now(), this.lastMs);
    this.sequence = ms === this.lastMs ? this.sequence + 1 : 0;
    this.lastMs = ms;
    return `${ms}-${this.sequence}`;
  }
}
