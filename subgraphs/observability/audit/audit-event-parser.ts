import { isUuid } from '../../../lib/ids';
import type { AuditEvent } from '../../../lib/stream/audit-stream';
import { AuditEventRecord } from './audit-event.entity';

/** Ids an event keeps at most; the producer sends no more (lib/server/audit-targets.ts). */
const MAX_TARGETS = 100;

// Control characters (NUL above all: PostgreSQL text cannot hold it) never reach a column.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

function text(value: unknown, maxLength: number): string | null {
  if (typeof value !== 'string') return null;
  const clean = value.replace(CONTROL, '').slice(0, maxLength);
  return clean.length ? clean : null;
}

function uuidOrNull(value: unknown): string | null {
  return typeof value === 'string' && isUuid(value) ? value : null;
}

/**
 * The row an event of the audit stream becomes, or undefined when it is not one (no id, no operation, no
 * time). The stream is written only by the platform's subgraphs, but a malformed entry must not stop the consumer
 * (it would be retried forever), so every field is checked and bounded to its column rather than trusted.
 */
export function toAuditRecord(event: unknown): AuditEventRecord | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as Partial<Record<keyof AuditEvent, unknown>>;
  const id = uuidOrNull(e.eventId);
  const operation = text(e.operation, 128);
  const time = typeof e.time === 'string' ? new Date(e.time) : undefined;
  if (!id || !operation || !time || Number.isNaN(time.getTime())) return undefined;
  const targets = Array.isArray(e.targetIds) ? e.targetIds : [];
  const record = new AuditEventRecord();
  Object.assign(record, {
    id,
    organizationId: uuidOrNull(e.organizationId),
    actorId: uuidOrNull(e.actorId),
    apiKeyId: uuidOrNull(e.apiKeyId),
    subgraph: text(e.subgraph, 32) ?? 'unknown',
    operation,
    targetIds: [...new Set(targets.flatMap((t) => text(t, 128) ?? []))].slice(0, MAX_TARGETS),
    outcome: e.outcome === 'OK' ? 'OK' : 'ERROR',
    errorCode: e.outcome === 'OK' ? null : (text(e.errorCode, 64) ?? 'INTERNAL_SERVER_ERROR'),
    requestId: text(e.requestId, 128) ?? '',
    clientAddress: text(e.clientAddress, 64),
    createdAt: time,
  } satisfies AuditEventRecord);
  return record;
}
