import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from '../../../lib/logger';
import { AUDIT_STREAM, type AuditEvent } from '../../../lib/stream/audit-stream';
import type { EventStream } from '../../../lib/stream/event-stream';
import {
  startStreamConsumer,
  type StreamConsumer,
  type StreamConsumerOptions,
} from '../../../lib/stream/stream-consumer';
import { startPeriodicTask } from '../../../lib/periodic-task';
import { AUDIT_GROUP, forgetAuditEventsBefore, storeAuditEvents } from './audit-store';

export type AuditConsumerOptions = Partial<
  Pick<StreamConsumerOptions<AuditEvent>, 'batchSize' | 'blockMs' | 'claimIdleMs' | 'retryDelayMs'>
> & {
  /** Events older than this many days are deleted (AUDIT_RETENTION_DAYS). @default 365 */
  retentionDays?: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reads the audit stream in AUDIT_GROUP and stores what it reads (audit-store.ts), and deletes events past the
 * retention every hour, until stopped.
 */
export async function startAuditConsumer(
  events: EventStream,
  em: EntityManager,
  consumer: string,
  logger: Logger,
  options: AuditConsumerOptions = {},
): Promise<StreamConsumer> {
  const log = logger.child({ component: 'audit-consumer' });
  const { retentionDays = 365, ...consumerOptions } = options;
  const reader = await startStreamConsumer<AuditEvent>(events, {
    ...consumerOptions,
    stream: AUDIT_STREAM,
    group: AUDIT_GROUP,
    consumer,
    logger: log,
    handle: async (entries) => {
      await storeAuditEvents(
        em,
        entries.map((entry) => entry.event),
        log,
      );
    },
  });
  const retention = startPeriodicTask(
    () => forgetAuditEventsBefore(em.fork(), new Date(Date.now() - retentionDays * DAY_MS)),
    { name: 'audit-retention', intervalMs: 60 * 60 * 1000, logger: log },
  );
  return {
    claimNow: () => reader.claimNow(),
    async stop() {
      await reader.stop();
      await retention.stop();
    },
  };
}
