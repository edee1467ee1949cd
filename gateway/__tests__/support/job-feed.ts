import { EventStream } from '../../subscriptions/event-stream';

export interface FixtureJob {
  id: string;
  status: string;
}

/**
 * The in-memory event source behind the fixture `jobUpdated` subscription: the test publishes, fails or ends a
 * job's stream and sees when a subscriber's iterator was returned (the upstream subscription was disposed).
 */
export class JobFeed {
  private readonly subscribers = new Map<string, Set<EventStream<FixtureJob, FixtureJob>>>();
  /** How many subscriber iterators have been closed, for any reason. */
  closed = 0;

  subscribe(jobId: string): AsyncGenerator<FixtureJob, undefined, unknown> {
    const set = this.subscribers.get(jobId) ?? new Set();
    this.subscribers.set(jobId, set);
    const stream: EventStream<FixtureJob, FixtureJob> = new EventStream<FixtureJob, FixtureJob>({
      resolve: async (job) => job,
      maxBuffered: 10_000,
      onClose: () => {
        set.delete(stream);
        this.closed += 1;
      },
    });
    set.add(stream);
    return stream;
  }

  subscriberCount(jobId?: string): number {
    if (jobId) return this.subscribers.get(jobId)?.size ?? 0;
    return [...this.subscribers.values()].reduce((sum, set) => sum + set.size, 0);
  }

  publish(job: FixtureJob): void {
    for (const stream of this.subscribers.get(job.id) ?? []) stream.push(job);
  }

  fail(jobId: string, error: unknown): void {
    for (const stream of this.subscribers.get(jobId) ?? []) stream.fail(error);
  }

  end(jobId: string): void {
    for (const stream of this.subscribers.get(jobId) ?? []) stream.end();
  }
}
