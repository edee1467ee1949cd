/** One entry of a stream: the id the stream gave it (increasing) and the event appended. */
export interface StreamEntry<T = unknown> {
  id: string;
  event: T;
}

export interface AppendOptions {
  /**
   * Entries the stream keeps at least; older ones are trimmed. Redis trims lazily (`MAXLEN ~`), in whole nodes,
   * so it may keep up to a node (100 entries by default) more.
   * @default 100_000
   */
  maxLength?: number;
}

export interface RangeOptions {
  /** Entries read at most, oldest first. @default 1000 */
  count?: number;
}

export interface GroupReadOptions {
  /** The consumer group: the service that processes the stream; its replicas share the entries. */
  group: string;
  /** The replica reading: what it reads is pending for it until acknowledged (or claimed by another). */
  consumer: string;
  /** Entries read at most. @default 100 */
  count?: number;
  /** How long to wait for a new entry when there is none; 0 answers at once. @default 0 */
  blockMs?: number;
}

export interface ClaimOptions {
  group: string;
  /** Who takes the entries over. */
  consumer: string;
  /** Only entries delivered at least this long ago and still not acknowledged (their consumer is presumed dead). */
  minIdleMs: number;
  /** Entries claimed at most. @default 100 */
  count?: number;
}

/**
 * Append-only streams of JSON events, named (`stream`) by what they carry. Producers append; the services that
 * process events read them in consumer groups (Redis XREADGROUP semantics): each entry goes to one consumer of the
 * group, stays pending until acknowledged, and can be claimed by another consumer once idle long enough (its
 * reader died), so processing is at least once: consumers make it idempotent by the event's own id.
 */
export interface EventStream {
  /** Appends the events in order; one round trip for the lot. */
  append(stream: string, events: readonly unknown[], options?: AppendOptions): Promise<void>;
  /** The stream's entries kept, oldest first. */
  range<T = unknown>(stream: string, options?: RangeOptions): Promise<StreamEntry<T>[]>;
  /** Creates the consumer group, reading from the stream's start (creating the stream if need be); idempotent. */
  createGroup(stream: string, group: string): Promise<void>;
  /**
   * Entries of the stream the group has not been given yet, now pending for `consumer`. Throws
   * EventStreamClosedError once the stream is closed (a read in progress then answers what it has).
   */
  readGroup<T = unknown>(stream: string, options: GroupReadOptions): Promise<StreamEntry<T>[]>;
  /** Marks entries processed: they are no longer pending and never delivered again. */
  ack(stream: string, group: string, ids: readonly string[]): Promise<void>;
  /** Takes over the group's entries pending for `minIdleMs` or more, now pending for `consumer`. */
  claimIdle<T = unknown>(stream: string, options: ClaimOptions): Promise<StreamEntry<T>[]>;
  close(): Promise<void>;
}

/** A group read on a stream that was closed: its consumers stop rather than read again. */
export class EventStreamClosedError extends Error {
  constructor() {
    super('the event stream is closed');
    this.name = 'EventStreamClosedError';
  }
}

export const DEFAULT_STREAM_MAX_LENGTH = 100_000;

/** Entries a group read or a claim takes at most, unless told. */
export const DEFAULT_GROUP_COUNT = 100;

/** The field an event's JSON is stored under in a Redis stream entry. */
export const EVENT_FIELD = 'event';
