import type {
  AppendOptions,
  ClaimOptions,
  EventStream,
  GroupReadOptions,
  RangeOptions,
  StreamEntry,
} from './event-stream';
import { DEFAULT_GROUP_COUNT, DEFAULT_STREAM_MAX_LENGTH, EventStreamClosedError } from './event-stream';

export interface InMemoryEventStreamOptions {
  /** The clock of entry ids and of idle times, in milliseconds (tests pass a fake one). @default Date.now */
  now?: () => number;
}

interface Entry {
  id: string;
  json: string;
}

interface Group {
  /** The id of the last entry given to the group ('0-0' before any). */
  lastDelivered: string;
  /** Entry id → who holds it and since when. */
  pending: Map<string, { consumer: string; deliveredAt: number }>;
}

interface Stream {
  entries: Entry[];
  groups: Map<string, Group>;
  /** Blocked readers, woken by the next append. */
  waiters: Set<() => void>;
}

/**
 * The streams of the embedded mode (one process): bounded exactly at `maxLength`, with Redis-like ids
 * (`<ms>-<seq>`) and consumer groups, events kept as JSON so readers get copies as they would from Redis.
 */
export class InMemoryEventStream implements EventStream {
  private readonly streams = new Map<string, Stream>();
  private readonly now: () => number;
  private lastMs = 0;
  private sequence = 0;
  private closed = false;

  constructor(options: InMemoryEventStreamOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async append(stream: string, events: readonly unknown[], options: AppendOptions = {}): Promise<void> {
    const maxLength = options.maxLength ?? DEFAULT_STREAM_MAX_LENGTH;
    const { entries, waiters } = this.stream(stream);
    for (const event of events) entries.push({ id: this.nextId(), json: JSON.stringify(event) });
    if (entries.length > maxLength) entries.splice(0, entries.length - maxLength);
    if (events.length) for (const wake of [...waiters]) wake();
  }

  async range<T = unknown>(stream: string, options: RangeOptions = {}): Promise<StreamEntry<T>[]> {
    const entries = this.streams.get(stream)?.entries ?? [];
    return entries.slice(0, options.count ?? 1000).map((entry) => parse<T>(entry));
  }

  async createGroup(stream: string, group: string): Promise<void> {
    const { groups } = this.stream(stream);
    if (!groups.has(group)) groups.set(group, { lastDelivered: '0-0', pending: new Map() });
  }

  async readGroup<T = unknown>(stream: string, options: GroupReadOptions): Promise<StreamEntry<T>[]> {
    if (this.closed) throw new EventStreamClosedError();
    const read = () => this.deliver<T>(stream, options);
    const first = read();
    if (first.length || !options.blockMs) return first;
    await this.waitForAppend(stream, options.blockMs);
    return this.closed ? [] : read();
  }

  async ack(stream: string, group: string, ids: readonly string[]): Promise<void> {
    const pending = this.groupOf(stream, group).pending;
    for (const id of ids) pending.delete(id);
  }

  async claimIdle<T = unknown>(stream: string, options: ClaimOptions): Promise<StreamEntry<T>[]> {
    const { pending } = this.groupOf(stream, options.group);
    const byId = new Map(this.stream(stream).entries.map((entry) => [entry.id, entry]));
    const now = this.now();
    const claimed: StreamEntry<T>[] = [];
    for (const [id, holder] of [...pending].sort(([a], [b]) => compareIds(a, b))) {
      if (claimed.length >= (options.count ?? DEFAULT_GROUP_COUNT)) break;
      if (now - holder.deliveredAt < options.minIdleMs) continue;
      const entry = byId.get(id);
      // Trimmed while pending: nothing left to process (Redis 7 drops such ids from the pending list too).
      if (!entry) {
        pending.delete(id);
        continue;
      }
      pending.set(id, { consumer: options.consumer, deliveredAt: now });
      claimed.push(parse<T>(entry));
    }
    return claimed;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const { waiters } of this.streams.values()) for (const wake of [...waiters]) wake();
    this.streams.clear();
  }

  private deliver<T>(stream: string, options: GroupReadOptions): StreamEntry<T>[] {
    const group = this.groupOf(stream, options.group);
    const fresh = this.stream(stream)
      .entries.filter((entry) => compareIds(entry.id, group.lastDelivered) > 0)
      .slice(0, options.count ?? DEFAULT_GROUP_COUNT);
    const now = this.now();
    for (const entry of fresh) group.pending.set(entry.id, { consumer: options.consumer, deliveredAt: now });
    if (fresh.length) group.lastDelivered = fresh[fresh.length - 1].id;
    return fresh.map((entry) => parse<T>(entry));
  }

  private waitForAppend(stream: string, timeoutMs: number): Promise<void> {
    const { waiters } = this.stream(stream);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      waiters.add(wake);
    });
  }

  private stream(name: string): Stream {
    let stream = this.streams.get(name);
    if (!stream) this.streams.set(name, (stream = { entries: [], groups: new Map(), waiters: new Set() }));
    return stream;
  }

  private groupOf(stream: string, name: string): Group {
    const group = this.streams.get(stream)?.groups.get(name);
    // As Redis answers NOGROUP: reading a group nobody created is a programming error, not an empty stream.
    if (!group) throw new Error(`NOGROUP no consumer group "${name}" on stream "${stream}"`);
    return group;
  }

  /** Increasing ids even when the clock stands still or goes back. */
  private nextId(): string {
    const ms = Math.max(this.now(), this.lastMs);
    this.sequence = ms === this.lastMs ? this.sequence + 1 : 0;
    this.lastMs = ms;
    return `${ms}-${this.sequence}`;
  }
}

function parse<T>({ id, json }: Entry): StreamEntry<T> {
  return { id, event: JSON.parse(json) as T };
}

/** Orders `<ms>-<seq>` ids as Redis does: by milliseconds, then sequence. */
function compareIds(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(Number);
  const [bMs, bSeq] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}
