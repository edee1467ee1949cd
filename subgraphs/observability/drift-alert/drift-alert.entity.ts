import { EntitySchema } from '@mikro-orm/core';
import {
  newestFirstIndex,
  OrganizationEntity,
  organizationEntityProperties,
} from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';

export const retrainStatuses = ['STARTED', 'DISABLED', 'IN_FLIGHT', 'COOLDOWN', 'NOT_STARTED'] as const;
export type RetrainStatus = (typeof retrainStatuses)[number];

/** A report that drifted, and what auto-retrain did about it. */
export class DriftAlert extends OrganizationEntity {
  modelId!: string;
  reportId!: string;
  retrainStatus!: RetrainStatus;
  retrainJobId: string | null = null;
  message!: string;
  /** What autoDeploy did with the retrained version, once its job finished; null until then or without it. */
  autoDeployResult: string | null = null;
  createdAt: Date = new Date();
}

export const DriftAlertSchema = new EntitySchema<DriftAlert>({
  class: DriftAlert,
  tableName: 'drift_alerts',
  filters: organizationFilter,
  indexes: [
    { properties: ['organizationId', 'modelId', 'createdAt', 'id'] },
    newestFirstIndex('drift_alerts'),
  ],
  properties: {
    ...organizationEntityProperties,
    modelId: { type: 'uuid' },
    reportId: { type: 'uuid' },
    retrainStatus: { type: 'string', length: 16 },
    retrainJobId: { type: 'uuid', nullable: true },
    message: { type: 'text' },
    autoDeployResult: { type: 'text', nullable: true },
    createdAt: { type: 'datetime' },
  },
});
