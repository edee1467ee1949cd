import { EventEmitter } from 'node:events';
import type { EventBus } from './event-bus';
import { DEFAULT_MAX_QUEUED_EVENTS, EventQueue, encodePayload, endOnAbort } from './event-queue';

export interface InMemoryEventBusOptions {
  /**
   * Events that may wait for one slow subscriber before its iterator is ended with an error.
   * @default 10_000
   */
  maxQueuedEvents?: number;
}

/** The event bus of the embedded mode: every publisher and subscriber lives in this one process. */
export class InMemoryEventBus implements EventBus {
  private readonly emitter = new EventEmitter();
  private readonly queues = new Set<EventQueue<unknown>>();
  private readonly maxQueuedEvents: number;
  private closed = false;

  constructor(options: InMemoryEventBusOptions = {}) {
    this.maxQueuedEvents = options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS;
    // Any number of GraphQL subscriptions may watch the same topic; that is not a leak.
    this.emitter.setMaxListeners(0);
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
    this.emitter.emit(topic, encodePayload(topic, payload));
  }

  async subscribe<T = unknown>(topic: string, signal?: AbortSignal): Promise<AsyncIterableIterator<T>> {
    if (this.closed) throw new Error('event bus is closed');
    // Each subscriber parses its own copy, as it would from Redis, so one cannot mutate what another sees.
    const listener = (json: string) => queue.push(JSON.parse(json) as T);
    let detachAbort = () => {};
    const queue: EventQueue<T> = new EventQueue<T>(topic, this.maxQueuedEvents, () => {
      this.emitter.off(topic, listener);
      this.queues.delete(queue);
      detachAbort();
    });
    if (signal?.aborted) {
      queue.end();
      return queue;
    }
    this.emitter.on(topic, listener);
    this.queues.add(queue);
    detachAbort = endOnAbort(queue, signal);
    return queue;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queue of [...this.queues]) queue.end();
  }
}
