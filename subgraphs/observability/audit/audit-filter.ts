import type { FilterQuery } from '@mikro-orm/core';
import { raw } from '@mikro-orm/knex';
import { errors } from '../../../lib/errors';
import { EARLIEST_DATE, LATEST_DATE } from '../../../lib/graphql/scalars';
import { isUuid } from '../../../lib/ids';
import { canBeStored } from '../../../lib/stored-text';
import type { AuditEventRecord } from './audit-event.entity';

/** `auditLog`'s filter as the client sends it (every field optional; dates parsed by the DateTime scalar). */
export interface AuditFilterInput {
  actorId?: string | null;
  operation?: string | null;
  targetId?: string | null;
  from?: Date | string | null;
  to?: Date | string | null;
}

/** A checked filter. */
export interface AuditFilterValues {
  actorId?: string;
  operation?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

function checkText(value: string | null | undefined, field: string, maxLength: number): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!canBeStored(value))
    throw errors.badInput(`${field} must not contain NUL characters`, `filter.${field}`);
  if (value.length > maxLength)
    throw errors.badInput(`${field} must be at most ${maxLength} characters`, `filter.${field}`);
  return value;
}

function checkDate(value: Date | string | null | undefined, field: string): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = new Date(value);
  const time = date.getTime();
  if (Number.isNaN(time) || time < EARLIEST_DATE || time > LATEST_DATE)
    throw errors.badInput(`${field} must be a date between years 0001 and 9999`, `filter.${field}`);
  return date;
}

/** BAD_USER_INPUT for a filter no stored event could be compared with; nothing is read before. */
export function checkAuditFilter(filter: AuditFilterInput): AuditFilterValues {
  const checked: AuditFilterValues = {
    actorId: checkText(filter.actorId, 'actorId', 128),
    operation: checkText(filter.operation, 'operation', 128),
    targetId: checkText(filter.targetId, 'targetId', 128),
    from: checkDate(filter.from, 'from'),
    to: checkDate(filter.to, 'to'),
  };
  if (checked.from && checked.to && checked.from.getTime() > checked.to.getTime())
    throw errors.badInput('from must not be after to', 'filter.from');
  return checked;
}

/** Whether the filter can match anything at all: an actor id that is no UUID names no user. */
export function canMatch(filter: AuditFilterValues): boolean {
  return !filter.actorId || isUuid(filter.actorId);
}

/**
 * The conditions of a checked filter. The organization is the request's scope (the entity's filter), so it is
 * not repeated here but for the target subquery, which reads a table the scope does not cover.
 */
export function auditConditions(
  filter: AuditFilterValues,
  organizationId: string,
  targetsTable: string,
): FilterQuery<AuditEventRecord> {
  const conditions: FilterQuery<AuditEventRecord>[] = [];
  if (filter.actorId) conditions.push({ actorId: filter.actorId });
  if (filter.operation) conditions.push({ operation: filter.operation });
  if (filter.from) conditions.push({ createdAt: { $gte: filter.from } });
  if (filter.to) conditions.push({ createdAt: { $lt: filter.to } });
  if (filter.targetId) {
    conditions.push({
      [raw(
        (a) =>
          `${a}.id in (select t.event_id from ${targetsTable} t where t.organization_id = ? and t.target_id = ?)`,
        [organizationId, filter.targetId],
      )]: [],
    } as FilterQuery<AuditEventRecord>);
  }
  return conditions.length ? { $and: conditions } : {};
}
