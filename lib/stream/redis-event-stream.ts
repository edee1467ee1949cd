import type { Redis } from '../redis';
import type { AppendOptions, EventStream, RangeOptions, StreamEntry } from './event-stream';
import { DEFAULT_STREAM_MAX_LENGTH, EVENT_FIELD } from './event-stream';

export interface RedisEventStreamOptions {
  /**
   * Prepended to every stream name, so streams cannot collide with other data in the same Redis database.
   * @default 'stream:'
   */
  keyPrefix?: string;
}

/**
 * Redis streams (XADD), which consumer groups read later. It borrows the connection: `close()` leaves it open for
 * its owner (the infrastructure factory).
 */
export class RedisEventStream implements EventStream {
  private readonly keyPrefix: string;

  constructor(
    private readonly redis: Redis,
    options: RedisEventStreamOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? 'stream:';
  }

  /** One pipeline of XADDs; `MAXLEN ~` lets Redis trim whole nodes, far cheaper than an exact trim. */
  async append(stream: string, events: readonly unknown[], options: AppendOptions = {}): Promise<void> {
    if (events.length === 0) return;
    const key = this.keyPrefix + stream;
    const maxLength = options.maxLength ?? DEFAULT_STREAM_MAX_LENGTH;
    const pipeline = this.redis.pipeline();
    for (const event of events)
      pipeline.xadd(key, 'MAXLEN', '~', maxLength, '*', EVENT_FIELD, JSON.stringify(event));
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async range<T = unknown>(stream: string, options: RangeOptions = {}): Promise<StreamEntry<T>[]> {
    const entries = await this.redis.xrange(
      this.keyPrefix + stream,
      '-',
      '+',
      'COUNT',
      options.count ?? 1000,
    );
    return entries.map(([id, fields]) => ({ id, event: JSON.parse(fieldOf(fields, EVENT_FIELD)) as T }));
  }

  async close(): Promise<void> {}
}

function fieldOf(fields: string[], name: string): string {
  const index = fields.findIndex((field, i) => i % 2 === 0 && field === name);
  if (index < 0) throw new Error(`stream entry without a "${name}" field`);
  return fields[index + 1];
}
