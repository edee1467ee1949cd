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

/**
 * Append-only streams of JSON events, named (`stream`) by what they carry. Producers only append; readers come in
 * later (Redis consumer groups, XREADGROUP, for the services that process events); `range` reads what is kept.
 */
export interface EventStream {
  /** Appends the events in order; one round trip for the lot. */
  append(stream: string, events: readonly unknown[], options?: AppendOptions): Promise<void>;
  /** The stream's entries kept, oldest first. */
  range<T = unknown>(stream: string, options?: RangeOptions): Promise<StreamEntry<T>[]>;
  close(): Promise<void>;
}

export const DEFAULT_STREAM_MAX_LENGTH = 100_000;

/** The field an event's JSON is stored under in a Redis stream entry. */
export const EVENT_FIELD = 'event';
