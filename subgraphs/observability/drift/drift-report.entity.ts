import { EntitySchema } from '@mikro-orm/core';
import {
  newestFirstIndex,
  OrganizationEntity,
  organizationEntityProperties,
} from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';
import type { FeatureDriftResult } from '../../../ml/drift';

/** One comparison of a model's window with its version's reference sample. */
export class DriftReport extends OrganizationEntity {
  modelId!: string;
  versionId!: string;
  sampleSize!: number;
  referenceSize!: number;
  drifted!: boolean;
  features!: FeatureDriftResult[];
  createdAt: Date = new Date();
}

export const DriftReportSchema = new EntitySchema<DriftReport>({
  class: DriftReport,
  tableName: 'drift_reports',
  filters: organizationFilter,
  indexes: [
    { properties: ['organizationId', 'modelId', 'createdAt', 'id'] },
    newestFirstIndex('drift_reports'),
  ],
  properties: {
    ...organizationEntityProperties,
    modelId: { type: 'uuid' },
    versionId: { type: 'uuid' },
    sampleSize: { type: 'integer' },
    referenceSize: { type: 'integer' },
    drifted: { type: 'boolean' },
    features: { type: 'json' },
    createdAt: { type: 'datetime' },
  },
});
