import type { Redis } from '../redis';
import type {
  AppendOptions,
  ClaimOptions,
  EventStream,
  GroupReadOptions,
  RangeOptions,
  StreamEntry,
} from './event-stream';
import {
  DEFAULT_GROUP_COUNT,
  DEFAULT_STREAM_MAX_LENGTH,
  EVENT_FIELD,
  EventStreamClosedError,
} from './event-stream';

type RawEntry = [id: string, fields: string[]];

export interface RedisEventStreamOptions {
  /**
   * Prepended to every stream name, so streams cannot collide with other data in the same Redis database.
   * @default 'stream:'
   */
  keyPrefix?: string;
}

/**
 * Redis streams: XADD, and consumer groups (XREADGROUP, XACK, XAUTOCLAIM). It borrows the connection (`close()`
 * leaves it open for its owner, the infrastructure factory), except for blocking reads, which would hold up every
 * other command on it: those get a connection of their own, opened on the first one and closed by `close()`.
 */
export class RedisEventStream implements EventStream {
  private readonly keyPrefix: string;
  private blocking?: Redis;
  private closed = false;

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
    return entries.map((entry) => parse<T>(entry));
  }

  async createGroup(stream: string, group: string): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.keyPrefix + stream, group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).startsWith('BUSYGROUP')) throw error;
    }
  }

  async readGroup<T = unknown>(stream: string, options: GroupReadOptions): Promise<StreamEntry<T>[]> {
    if (this.closed) throw new EventStreamClosedError();
    const count = options.count ?? DEFAULT_GROUP_COUNT;
    const key = this.keyPrefix + stream;
    const answer = options.blockMs
      ? await this.blockingConnection().xreadgroup(
          'GROUP',
          options.group,
          options.consumer,
          'COUNT',
          count,
          'BLOCK',
          options.blockMs,
          'STREAMS',
          key,
          '>',
        )
      : await this.redis.xreadgroup(
          'GROUP',
          options.group,
          options.consumer,
          'COUNT',
          count,
          'STREAMS',
          key,
          '>',
        );
    const streams = (answer ?? []) as [string, RawEntry[]][];
    return (streams[0]?.[1] ?? []).map((entry) => parse<T>(entry));
  }

  async ack(stream: string, group: string, ids: readonly string[]): Promise<void> {
    if (ids.length) await this.redis.xack(this.keyPrefix + stream, group, ...ids);
  }

  async claimIdle<T = unknown>(stream: string, options: ClaimOptions): Promise<StreamEntry<T>[]> {
    // One pass from the start of the pending list; Redis 7 also drops the ids of entries trimmed meanwhile.
    const [, entries] = (await this.redis.xautoclaim(
      this.keyPrefix + stream,
      options.group,
      options.consumer,
      options.minIdleMs,
      '0-0',
      'COUNT',
      options.count ?? DEFAULT_GROUP_COUNT,
    )) as [string, (RawEntry | null)[]];
    return entries.flatMap((entry) => (entry ? [parse<T>(entry)] : []));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.blocking?.disconnect();
    this.blocking = undefined;
  }

  private blockingConnection(): Redis {
    // A consumer still looping after close() must not open a connection that nothing would ever close.
    if (this.closed) throw new EventStreamClosedError();
    this.blocking ??= this.redis.duplicate();
    return this.blocking;
  }
}

function parse<T>([id, fields]: RawEntry): StreamEntry<T> {
  return { id, event: JSON.parse(fieldOf(fields, EVENT_FIELD)) as T };
}

function fieldOf(fields: string[], name: string): string {
  const index = fields.findIndex((field, i) => i % 2 === 0 && field === name);
  if (index < 0) throw new Error(`stream entry without a "${name}" field`);
  return fields[index + 1];
}
