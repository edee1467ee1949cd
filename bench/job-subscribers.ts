import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const JOB_UPDATES = `
  subscription ($jobId: ID!) {
    trainingJobUpdated(jobId: $jobId) {
      job {
        id
        status
        epoch
        updatedAt
      }
      epoch {
        epoch
      }
    }
  }
`;

interface JobEvent {
  trainingJobUpdated: {
    job: { id: string; status: string; epoch: number; updatedAt: string };
    epoch: { epoch: number } | null;
  };
}

/** What one subscriber received. */
export interface Subscriber {
  /** Job statuses of the events, in order (the first is the state when it subscribed). */
  statuses: string[];
  /** `epoch.epoch` of the epoch events, in order. */
  epochs: number[];
  completed: boolean;
  error?: unknown;
}

export interface SubscriberGroupOptions {
  /** The GraphQL URL (`http://.../graphql`); graphql-ws runs on the same path. */
  url: string;
  connections: number;
  /** Signed afresh for each connection. */
  connectionParams: () => Record<string, unknown>;
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (error) {
        reject(error);
      }
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

const now = () => performance.timeOrigin + performance.now();

/**
 * Subscribers of one job spread over a few graphql-ws connections, as many browser tabs or services would be.
 * Every event after the first (which is the state read at subscription, not a publication) gives one
 * publish-to-receive latency: its arrival less the job's `updatedAt`, which the worker sets just before it
 * commits and publishes the change (same machine, same clock).
 */
export class JobSubscribers {
  readonly subscribers: Subscriber[] = [];
  /** Milliseconds, one per published event per subscriber. */
  readonly latencies: number[] = [];
  /**
   * The lowest latency of each published event, by `updatedAt`. Not the bare hop: a process fans an event out to
   * its subscribers breadth first (every subscriber's promise chain advances a step before any advances two), so
   * even the first subscriber waits for most of the fan-out.
   */
  readonly firstReceived = new Map<string, number>();
  /** `updatedAt` of each epoch, as received (to tell how far apart the epochs were). */
  readonly epochTimes = new Map<number, number>();
  private finished: Promise<unknown>[] = [];

  private constructor(private readonly clients: Client[]) {}

  /** Opens the connections and waits until each is acknowledged. */
  static async connect(options: SubscriberGroupOptions): Promise<JobSubscribers> {
    const clients = await Promise.all(
      Array.from(
        { length: options.connections },
        () =>
          new Promise<Client>((resolve, reject) => {
            const client: Client = createClient({
              url: options.url.replace(/^http/, 'ws'),
              webSocketImpl: WebSocket,
              lazy: false,
              retryAttempts: 0,
              connectionParams: options.connectionParams,
              on: {
                connected: () => resolve(client),
                error: reject,
                closed: (event) => reject(new Error(`connection closed: ${JSON.stringify(event)}`)),
              },
            });
          }),
      ),
    );
    return new JobSubscribers(clients);
  }

  /**
   * Subscribes `count` times, round robin over the connections; resolves when each has its first event (the
   * subscription exists upstream then), fails when one fails or `timeoutMs` passes first.
   */
  async subscribe(jobId: string, count: number, timeoutMs: number): Promise<void> {
    const firsts: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const subscriber: Subscriber = { statuses: [], epochs: [], completed: false };
      this.subscribers.push(subscriber);
      let receivedFirst = () => {};
      let failedFirst = (_error: unknown) => {};
      firsts.push(
        new Promise<void>((resolve, reject) => {
          receivedFirst = resolve;
          failedFirst = reject;
        }),
      );
      this.finished.push(
        new Promise<void>((resolve) => {
          this.clients[i % this.clients.length].subscribe<JobEvent>(
            { query: JOB_UPDATES, variables: { jobId } },
            {
              next: (result) => this.receive(subscriber, result, receivedFirst),
              error: (error) => {
                subscriber.error = error;
                failedFirst(error);
                resolve();
              },
              complete: () => {
                subscriber.completed = true;
                resolve();
              },
            },
          );
        }),
      );
    }
    let received = 0;
    for (const first of firsts) void first.then(() => received++);
    await withTimeout(Promise.all(firsts), timeoutMs, () => {
      throw new Error(
        `${count - received} of ${count} subscriptions had no first event after ${timeoutMs} ms`,
      );
    });
  }

  /** Waits until every subscription completed or failed, or `timeoutMs` passed. */
  ended(timeoutMs: number): Promise<boolean> {
    return withTimeout(
      Promise.all(this.finished).then(() => true),
      timeoutMs,
      () => false,
    );
  }

  async dispose(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.dispose()));
  }

  private receive(
    subscriber: Subscriber,
    result: { data?: JobEvent | null; errors?: readonly unknown[] },
    receivedFirst: () => void,
  ): void {
    const receivedAt = now();
    if (result.errors || !result.data) {
      subscriber.error ??= result.errors ?? 'an event without data';
      return;
    }
    const { job, epoch } = result.data.trainingJobUpdated;
    subscriber.statuses.push(job.status);
    if (subscriber.statuses.length === 1) {
      receivedFirst();
      return;
    }
    const updatedAt = Date.parse(job.updatedAt);
    const latency = receivedAt - updatedAt;
    this.latencies.push(latency);
    const first = this.firstReceived.get(job.updatedAt);
    if (first === undefined || latency < first) this.firstReceived.set(job.updatedAt, latency);
    if (epoch) {
      subscriber.epochs.push(epoch.epoch);
      this.epochTimes.set(epoch.epoch, updatedAt);
    }
  }
}
