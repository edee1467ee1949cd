import { randomUUID } from 'node:crypto';
import { EntitySchema } from '@mikro-orm/core';

/** Every organization starts on this plan; the quotas are stored per organization so that one can be raised. */
export const defaultPlan = { name: 'free', requestsPerHour: 50, requestsPerDay: 200 } as const;

export class Organization {
  id: string = randomUUID();
  name!: string;
  slug!: string;
  planName: string = defaultPlan.name;
  requestsPerHour: number = defaultPlan.requestsPerHour;
  requestsPerDay: number = defaultPlan.requestsPerDay;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const OrganizationSchema = new EntitySchema<Organization>({
  class: Organization,
  tableName: 'organizations',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string', length: 100 },
    slug: { type: 'string', length: 64, unique: true },
    planName: { type: 'string', length: 50, default: defaultPlan.name },
    requestsPerHour: { type: 'integer', default: defaultPlan.requestsPerHour },
    requestsPerDay: { type: 'integer', default: defaultPlan.requestsPerDay },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
    updatedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});
