import type { Logger } from '../logger';
import { attachErrorLogger, closeRedis, type Redis } from '../redis';
import type { EventBus } from './event-bus';
import { DEFAULT_MAX_QUEUED_EVENTS, EventQueue, encodePayload, endOnAbort } from './event-queue';

export interface RedisEventBusOptions {
  /**
   * Prepended to every topic to form the Redis channel, so deployments (and test files) sharing a Redis do
   * not hear each other.
   * @default 'bus:'
   */
  topicPrefix?: string;
  /**
   * Events that may wait for one slow subscriber before its iterator is ended with an error.
   * @default 10_000
   */
  maxQueuedEvents?: number;
  /** Where errors of the subscriber connection go. */
  logger?: Logger;
}

interface Channel {
  listeners: Set<(json: string) => void>;
  /** Settles when Redis acknowledged SUBSCRIBE for this channel. */
  subscribed: Promise<unknown>;
}

/**
 * Redis pub/sub between processes. Publishes go through the borrowed connection; subscriptions share ONE
 * dedicated connection per bus (a connection in subscriber mode can do nothing else), with a channel
 * subscribed while at least one local subscriber listens to it. ioredis re-subscribes after a reconnect;
 * events published while disconnected are lost (the bus is at-most-once by contract).
 */
export class RedisEventBus implements EventBus {
  private readonly subscriber: Redis;
  private readonly channels = new Map<string, Channel>();
  private readonly queues = new Set<EventQueue<unknown>>();
  private readonly topicPrefix: string;
  private readonly maxQueuedEvents: number;
  private readonly logger: Logger | undefined;
  private closed = false;

  constructor(
    private readonly publisher: Redis,
    options: RedisEventBusOptions = {},
  ) {
    this.topicPrefix = options.topicPrefix ?? 'bus:';
    this.maxQueuedEvents = options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS;
    this.logger = options.logger;
    this.subscriber = publisher.duplicate({ connectionName: 'mlaas-subscriber' });
    attachErrorLogger(this.subscriber, options.logger);
    this.subscriber.on('message', (channel: string, json: string) => {
      for (const listener of this.channels.get(channel)?.listeners ?? []) listener(json);
    });
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
    await this.publisher.publish(this.topicPrefix + topic, encodePayload(topic, payload));
  }

  async subscribe<T = unknown>(topic: string, signal?: AbortSignal): Promise<AsyncIterableIterator<T>> {
    if (this.closed) throw new Error('event bus is closed');
    const channelName = this.topicPrefix + topic;
    const listener = (json: string) => {
      // Anyone with access to Redis can publish on the channel; a message that is not JSON must not throw
      // inside the connection's event handler.
      try {
        queue.push(JSON.parse(json) as T);
      } catch (error) {
        this.logger?.warn({ err: error, topic }, 'dropped an event that is not JSON');
      }
    };
    let detachAbort = () => {};
    const queue: EventQueue<T> = new EventQueue<T>(topic, this.maxQueuedEvents, () => {
      detachAbort();
      this.queues.delete(queue);
      this.removeListener(channelName, listener);
    });
    if (signal?.aborted) {
      queue.end();
      return queue;
    }
    const channel = this.addListener(channelName, listener);
    this.queues.add(queue);
    detachAbort = endOnAbort(queue, signal);
    try {
      await channel.subscribed;
    } catch (error) {
      queue.end();
      throw error;
    }
    return queue;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const queue of [...this.queues]) queue.end();
    await closeRedis(this.subscriber);
  }

  private addListener(channelName: string, listener: (json: string) => void): Channel {
    let channel = this.channels.get(channelName);
    if (!channel) {
      const subscribed = this.subscriber.subscribe(channelName);
      // Awaited by every subscriber of the channel; this keeps a failure from being reported as unhandled.
      subscribed.catch(() => {});
      channel = { listeners: new Set(), subscribed };
      this.channels.set(channelName, channel);
    }
    channel.listeners.add(listener);
    return channel;
  }

  private removeListener(channelName: string, listener: (json: string) => void): void {
    const channel = this.channels.get(channelName);
    if (!channel?.listeners.delete(listener) || channel.listeners.size > 0) return;
    this.channels.delete(channelName);
    // On close the connection is about to quit; no need to unsubscribe channel by channel.
    if (this.closed) return;
    // A later subscribe to this channel sends SUBSCRIBE after this UNSUBSCRIBE on the same connection, so
    // Redis applies them in order and the new subscriber stays subscribed.
    this.subscriber.unsubscribe(channelName).catch(() => {});
  }
}
