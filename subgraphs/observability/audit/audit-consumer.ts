import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from '../../../lib/logger';
import { AUDIT_STREAM, type AuditEvent } from '../../../lib/stream/audit-stream';
import type { EventStream } from '../../../lib/stream/event-stream';
import {
  startStreamConsumer,
  type StreamConsumer,
  type StreamConsumerOptions,
} from '../../../lib/stream/stream-consumer';
import { AUDIT_GROUP, storeAuditEvents } from './audit-store';

export type AuditConsumerOptions = Partial<
  Pick<StreamConsumerOptions<AuditEvent>, 'batchSize' | 'blockMs' | 'claimIdleMs' | 'retryDelayMs'>
>;

/** Reads the audit stream in AUDIT_GROUP and stores what it reads (audit-store.ts), until stopped. */
export function startAuditConsumer(
  events: EventStream,
  em: EntityManager,
  consumer: string,
  logger: Logger,
  options: AuditConsumerOptions = {},
): Promise<StreamConsumer> {
  const log = logger.child({ component: 'audit-consumer' });
  return startStreamConsumer<AuditEvent>(events, {
    ...options,
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
}
