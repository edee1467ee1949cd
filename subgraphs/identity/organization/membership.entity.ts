import { randomUUID } from 'node:crypto';
import { EntitySchema } from '@mikro-orm/core';
import { roles, type Role } from '../../../lib/caller';

/** A user's role in one organization; a user has at most one membership per organization. */
export class Membership {
  id: string = randomUUID();
  userId!: string;
  organizationId!: string;
  role!: Role;
  createdAt: Date = new Date();
}

export const MembershipSchema = new EntitySchema<Membership>({
  class: Membership,
  tableName: 'memberships',
  uniques: [{ properties: ['userId', 'organizationId'] }],
  indexes: [{ properties: ['organizationId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    // Relations mapped to their keys: the foreign keys exist in the database, and nothing is loaded implicitly.
    userId: { kind: 'm:1', entity: 'User', mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade' },
    organizationId: {
      kind: 'm:1',
      entity: 'Organization',
      mapToPk: true,
      fieldName: 'organization_id',
      deleteRule: 'cascade',
    },
    role: { enum: true, items: () => [...roles] },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
  },
});
