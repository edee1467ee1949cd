import { EntitySchema } from '@mikro-orm/core';
import { TimestampedEntity, timestampedEntityProperties } from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';

export const deploymentStatuses = ['PENDING', 'LOADING', 'READY', 'FAILED', 'STOPPED'] as const;
export type DeploymentStatus = (typeof deploymentStatuses)[number];

export class Deployment extends TimestampedEntity {
  modelId!: string;
  versionId!: string;
  status: DeploymentStatus = 'PENDING';
  error?: string | null;
}

export const DeploymentSchema = new EntitySchema<Deployment>({
  class: Deployment,
  tableName: 'deployments',
  filters: organizationFilter,
  indexes: [{ properties: ['organizationId', 'modelId'] }],
  properties: {
    ...timestampedEntityProperties,
    modelId: { type: 'uuid' },
    versionId: { type: 'uuid' },
    status: { enum: true, items: () => [...deploymentStatuses], default: 'PENDING' },
    error: { type: 'text', nullable: true },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
    updatedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});
