import { EntitySchema } from '@mikro-orm/core';
import { OrganizationEntity, organizationEntityProperties } from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';
import type { FeatureKind } from '../../../ml/drift';

/** A feature as drift compares it: by name, numbers or categories. */
export interface DriftFeature {
  name: string;
  kind: FeatureKind;
}

/** A reference column: the feature's non-missing values of the sampled rows. */
export type ReferenceColumn = number[] | string[];

/**
 * The rows a version's predictions are compared with, computed once per version: its training dataset (every
 * row, sampled down to 10,000) or the dataset `setReferenceDataset` named, restricted to the version's features.
 */
export class ReferenceSample extends OrganizationEntity {
  modelId!: string;
  versionId!: string;
  datasetId!: string;
  /** TRAINING_DATASET (the version's training job's dataset) or REFERENCE_DATASET (setReferenceDataset). */
  source!: 'TRAINING_DATASET' | 'REFERENCE_DATASET';
  features!: DriftFeature[];
  /** By feature name. */
  columns!: Record<string, ReferenceColumn>;
  /** Rows sampled (at most 10,000). */
  rowCount!: number;
  createdAt: Date = new Date();
}

export const ReferenceSampleSchema = new EntitySchema<ReferenceSample>({
  class: ReferenceSample,
  tableName: 'reference_samples',
  filters: organizationFilter,
  uniques: [{ properties: ['organizationId', 'versionId'] }],
  properties: {
    ...organizationEntityProperties,
    modelId: { type: 'uuid' },
    versionId: { type: 'uuid' },
    datasetId: { type: 'uuid' },
    source: { type: 'string', length: 32 },
    features: { type: 'json' },
    columns: { type: 'json', lazy: true },
    rowCount: { type: 'integer' },
    createdAt: { type: 'datetime' },
  },
});
