import { EntitySchema } from '@mikro-orm/core';
import type { AuditOutcome } from '../../../lib/stream/audit-stream';
import { organizationFilter } from '../../../lib/organization-scope';

/**
 * One stored audit event (lib/stream/audit-stream.ts). Its id is the event's own id. Rows of an anonymous caller
 * (a failed login) have no organization, so no organization's `auditLog` shows them; they are kept for operators.
 */
export class AuditEventRecord {
  id!: string;
  organizationId!: string | null;
  actorId!: string | null;
  apiKeyId!: string | null;
  subgraph!: string;
  operation!: string;
  targetIds!: string[];
  outcome!: AuditOutcome;
  errorCode!: string | null;
  requestId!: string;
  clientAddress!: string | null;
  createdAt!: Date;
}

/** One id an event names: the `targetId` filter seeks these by (organization, target). */
export class AuditEventTarget {
  eventId!: string;
  targetId!: string;
  organizationId!: string | null;
  createdAt!: Date;
}

export const AuditEventSchema = new EntitySchema<AuditEventRecord>({
  class: AuditEventRecord,
  tableName: 'audit_events',
  filters: organizationFilter,
  indexes: [
    // The newest-first listing, and each filter with it.
    {
      name: 'audit_events_organization_id_created_at_id_index',
      properties: ['organizationId', 'createdAt', 'id'],
    },
    {
      name: 'audit_events_organization_id_actor_id_created_at_index',
      properties: ['organizationId', 'actorId', 'createdAt'],
    },
    {
      name: 'audit_events_organization_id_operation_created_at_index',
      properties: ['organizationId', 'operation', 'createdAt'],
    },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'uuid', nullable: true },
    actorId: { type: 'uuid', nullable: true },
    apiKeyId: { type: 'uuid', nullable: true },
    subgraph: { type: 'string', length: 32 },
    operation: { type: 'string', length: 128 },
    targetIds: { type: 'json' },
    outcome: { type: 'string', length: 8 },
    errorCode: { type: 'string', length: 64, nullable: true },
    requestId: { type: 'string', length: 128 },
    clientAddress: { type: 'string', length: 64, nullable: true },
    createdAt: { type: 'datetime' },
  },
});

export const AuditEventTargetSchema = new EntitySchema<AuditEventTarget>({
  class: AuditEventTarget,
  tableName: 'audit_event_targets',
  filters: organizationFilter,
  indexes: [
    {
      name: 'audit_event_targets_organization_id_target_id_created_at_index',
      properties: ['organizationId', 'targetId', 'createdAt'],
    },
  ],
  properties: {
    eventId: { type: 'uuid', primary: true },
    targetId: { type: 'string', length: 128, primary: true },
    organizationId: { type: 'uuid', nullable: true },
    createdAt: { type: 'datetime' },
  },
});
