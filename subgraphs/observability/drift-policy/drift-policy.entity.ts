import { EntitySchema } from '@mikro-orm/core';
import { OrganizationEntity, organizationEntityProperties } from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';

/** The documented defaults (API.md): a model without a stored policy uses these. */
export const defaultDriftPolicy = {
  windowSize: 500,
  psiThreshold: 0.2,
  pValueThreshold: 0.05,
  autoRetrain: false,
};

export class DriftPolicy extends OrganizationEntity {
  modelId!: string;
  windowSize: number = defaultDriftPolicy.windowSize;
  psiThreshold: number = defaultDriftPolicy.psiThreshold;
  pValueThreshold: number = defaultDriftPolicy.pValueThreshold;
  autoRetrain: boolean = defaultDriftPolicy.autoRetrain;
  updatedAt: Date = new Date();
}

export type DriftPolicyValues = Pick<
  DriftPolicy,
  'windowSize' | 'psiThreshold' | 'pValueThreshold' | 'autoRetrain'
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
    updatedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});
