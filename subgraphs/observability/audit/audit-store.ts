import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from '../../../lib/logger';
import { recordNewEvents } from '../consumption/consumed-events';
import { AuditEventRecord, AuditEventTarget } from './audit-event.entity';
import { toAuditRecord } from './audit-event-parser';

/** The consumer group that stores the audit stream (its replicas share it). */
export const AUDIT_GROUP = 'observability-audit';

function targetsOf(record: AuditEventRecord): AuditEventTarget[] {
  return record.targetIds.map((targetId) =>
    Object.assign(new AuditEventTarget(), {
      eventId: record.id,
      targetId,
      organizationId: record.organizationId,
      createdAt: record.createdAt,
    }),
  );
}

/**
 * Stores a batch of the audit stream: each event once however often it is delivered (recordNewEvents, in the
 * same transaction as the rows), malformed ones logged and skipped. Answers how many rows were written.
 */
export async function storeAuditEvents(
  em: EntityManager,
  events: readonly unknown[],
  logger: Logger,
): Promise<number> {
  const records = events.flatMap((event) => toAuditRecord(event) ?? []);
  if (records.length < events.length)
    logger.warn({ skipped: events.length - records.length }, 'malformed audit events skipped');
  if (!records.length) return 0;
  return em.fork().transactional(async (tx) => {
    const fresh = await recordNewEvents(
      tx,
      AUDIT_GROUP,
      records.map((record) => record.id),
    );
    let stored = 0;
    for (const record of records) {
      // `delete` too: an event twice in one batch is stored once.
      if (!fresh.delete(record.id)) continue;
      tx.persist(record);
      for (const target of targetsOf(record)) tx.persist(target);
      stored += 1;
    }
    return stored;
  });
}

/**
 * Deletes the events stored before `before` (AUDIT_RETENTION_DAYS), their targets first; answers how many events.
 * Across organizations: retention is the platform's, not a caller's.
 */
export async function forgetAuditEventsBefore(em: EntityManager, before: Date): Promise<number> {
  return em.transactional(async (tx) => {
    await tx.nativeDelete(AuditEventTarget, { createdAt: { $lt: before } }, { filters: false });
    return tx.nativeDelete(AuditEventRecord, { createdAt: { $lt: before } }, { filters: false });
  });
}
