import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from '../../../lib/logger';
import { startPeriodicTask, type PeriodicTask } from '../../../lib/periodic-task';
import type { StreamConsumer } from '../../../lib/stream/stream-consumer';
import { CONSUMED_EVENT_RETENTION_MS, forgetConsumedBefore } from './consumed-events';

/**
 * This process's name in every consumer group it joins: unique per start, so a restarted replica never inherits
 * its previous life's pending entries by name (they are claimed after the idle timeout like any dead consumer's).
 */
export const consumerName = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

/** The stream consumers of an observability replica and the sweep of the ids they recorded, stopped together. */
export class BackgroundConsumers {
  private readonly consumers: StreamConsumer[] = [];
  private readonly sweep: PeriodicTask;

  constructor(em: EntityManager, logger: Logger) {
    this.sweep = startPeriodicTask(
      () => forgetConsumedBefore(em.fork(), new Date(Date.now() - CONSUMED_EVENT_RETENTION_MS)),
      { name: 'consumed-events-sweep', intervalMs: 60 * 60 * 1000, logger },
    );
  }

  add(consumer: StreamConsumer): void {
    this.consumers.push(consumer);
  }

  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.sweep.stop();
  }
}
