import { randomUUID } from 'node:crypto';

/**
 * Entities owned by an organization: classes for the fields, and the matching `EntitySchema` properties to spread
 * into each schema (which also declares `filters: organizationFilter`, see organization-scope.ts). Only the
 * subclasses are mapped: the bases have no table.
 */

/** A row of one organization, by id. */
export abstract class OrganizationEntity {
  id: string = randomUUID();
  organizationId!: string;
}

/** An organization's row with its creation and last change. */
export abstract class TimestampedEntity extends OrganizationEntity {
  // Set here rather than by the database so that a keyset cursor holds exactly the stored value.
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

/** An organization's row that a member created: `ownerId` is their user id. */
export abstract class OwnedEntity extends TimestampedEntity {
  ownerId!: string;
}

export const organizationEntityProperties = {
  id: { type: 'uuid', primary: true },
  organizationId: { type: 'uuid' },
} as const;

export const timestampedEntityProperties = {
  ...organizationEntityProperties,
  createdAt: { type: 'datetime' },
  updatedAt: { type: 'datetime' },
} as const;

export const ownedEntityProperties = {
  ...timestampedEntityProperties,
  ownerId: { type: 'uuid' },
} as const;

/** The index that newest-first pages of one organization seek (see findNewestFirst in keyset-query.ts). */
export function newestFirstIndex(table: string): {
  name: string;
  properties: ('organizationId' | 'createdAt' | 'id')[];
} {
  return {
    name: `${table}_organization_id_created_at_id_index`,
    properties: ['organizationId', 'createdAt', 'id'],
  };
}

/** Names unique within an organization. */
export function uniqueNameIndex(table: string): {
  name: string;
  properties: ('organizationId' | 'name')[];
} {
  return { name: `${table}_organization_id_name_unique`, properties: ['organizationId', 'name'] };
}
