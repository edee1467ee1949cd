/**
 * Publish/subscribe between processes: training progress, drift alerts, anything a subscription streams.
 * Delivery is at-most-once to the subscribers connected at publish time; durable history lives in the database.
 */
export interface EventBus {
  publish(topic: string, payload: unknown): Promise<void>;
  /**
   * Events published on `topic` from the moment the returned promise resolves (the subscription is active
   * upstream by then, so a publish that follows cannot be missed). Ending the iteration (`return()`, or the
   * abort signal) unsubscribes.
   */
  subscribe<T = unknown>(topic: string, signal?: AbortSignal): Promise<AsyncIterableIterator<T>>;
  close(): Promise<void>;
}
