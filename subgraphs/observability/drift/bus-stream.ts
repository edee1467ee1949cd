import { abortOnReturn } from '../../../lib/bus/abort-on-return';
import type { EventBus } from '../../../lib/bus/event-bus';

/**
 * A subscription's events: each message of the topic turned into what the client gets (`load`, which reads it
 * within the subscriber's organization; null skips it). Ending the stream unsubscribes from the bus at once, even
 * while waiting for a message on a quiet topic.
 */
export async function busStream<M, T>(
  bus: EventBus,
  topic: string,
  load: (message: M) => Promise<T | null>,
): Promise<AsyncIterableIterator<T>> {
  const unsubscribe = new AbortController();
  const messages = await bus.subscribe<M>(topic, unsubscribe.signal);
  async function* events(): AsyncGenerator<T> {
    for await (const message of messages) {
      const value = await load(message);
      if (value !== null) yield value;
    }
  }
  return abortOnReturn(events(), unsubscribe);
}
