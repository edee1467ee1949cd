import { EventQueue } from '../../../lib/bus/event-queue';

export interface FixtureJob {
  id: string;
  status: string;
}

/**
 * The in-memory event source behind the fixture `jobUpdated` subscription: the test publishes, fails or ends a
 * job's stream and sees when a subscriber's iterator was returned (the upstream subscription was disposed).
 */
export class JobFeed {
  private readonly subscribers = new Map<string, Set<EventQueue<FixtureJob>>>();

  subscribe(jobId: string): AsyncIterableIterator<FixtureJob> {
    const set = this.subscribers.get(jobId) ?? new Set();
    this.subscribers.set(jobId, set);
    const queue: EventQueue<FixtureJob> = new EventQueue<FixtureJob>(`job ${jobId}`, 10_000, () =>
      set.delete(queue),
    );
    set.add(queue);
    return queue;
  }

  subscriberCount(jobId?: string): number {
    if (jobId) return this.subscribers.get(jobId)?.size ?? 0;
    return [...this.subscribers.values()].reduce((sum, set) => sum + set.size, 0);
  }

  publish(job: FixtureJob): void {
    for (const queue of this.subscribers.get(job.id) ?? []) queue.push(job);
  }

  fail(jobId: string, error: Error): void {
    for (const queue of this.subscribers.get(jobId) ?? []) queue.fail(error);
  }

  end(jobId: string): void {
    for (const queue of this.subscribers.get(jobId) ?? []) queue.end();
  }
}
