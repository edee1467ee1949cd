import { EntitySchema } from '@mikro-orm/core';
import { OrganizationEntity, organizationEntityProperties } from '../../../lib/organization-entity';
import type { Role } from '../../../lib/caller';
import { organizationFilter } from '../../../lib/organization-scope';

/** The documented defaults (API.md): a model without a stored policy uses these. */
export const defaultDriftPolicy = {
  windowSize: 500,
  psiThreshold: 0.2,
  pValueThreshold: 0.05,
  autoRetrain: false,
  autoDeploy: false,
  retrainDatasetId: null as string | null,
  retrainCooldownMinutes: 60,
};

export class DriftPolicy extends OrganizationEntity {
  modelId!: string;
  windowSize: number = defaultDriftPolicy.windowSize;
  psiThreshold: number = defaultDriftPolicy.psiThreshold;
  pValueThreshold: number = defaultDriftPolicy.pValueThreshold;
  autoRetrain: boolean = defaultDriftPolicy.autoRetrain;
  autoDeploy: boolean = defaultDriftPolicy.autoDeploy;
  retrainDatasetId: string | null = null;
  retrainCooldownMinutes: number = defaultDriftPolicy.retrainCooldownMinutes;
  /** Who set the policy, and their role then: auto-retrain starts jobs as them. */
  updatedBy: string | null = null;
  updatedByRole: Role | null = null;
  updatedAt: Date = new Date();
}

export type DriftPolicyValues = Pick<
  DriftPolicy,
  | 'windowSize'
  | 'psiThreshold'
  | 'pValueThreshold'
  | 'autoRetrain'
  | 'autoDeploy'
  | 'retrainDatasetId'
  | 'retrainCooldownMinutes'
>;

export const DriftPolicySchema = new EntitySchema<DriftPolicy>({
  class: DriftPolicy,
  tableName: 'drift_policies',
  filters: organizationFilter,
  uniques: [{ properties: ['organizationId', 'modelId'] }],
  properties: {
    ...organizationEntityProperties,
    modelId: { type: 'uuid' },
    windowSize: { type: 'integer' },
    psiThreshold: { type: 'double' },
    pValueThreshold: { type: 'double' },
    autoRetrain: { type: 'boolean' },
    autoDeploy: { type: 'boolean', default: false },
    retrainDatasetId: { type: 'uuid', nullable: true },
    retrainCooldownMinutes: { type: 'integer', default: 60 },
    updatedBy: { type: 'uuid', nullable: true },
    updatedByRole: { type: 'string', length: 16, nullable: true },
    updatedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});
