import { EntitySchema } from '@mikro-orm/core';
import { buckets } from '../../../lib/object-store/object-store';
import {
  newestFirstIndex,
  OwnedEntity,
  ownedEntityProperties,
  uniqueNameIndex,
} from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';
import { newImmutableKey, newStagingKey } from '../artifact/staged-upload';
import type { ColumnSummary } from './column-stats';
import type { ReferenceSample } from './csv-profiler';

export const DATASETS_BUCKET = buckets.datasets;

/** Where a dataset's upload lands in the `datasets` bucket: `staging/<organizationId>/<id>/<random>`. */
export function datasetStagingKey(organizationId: string, datasetId: string): string {
  return newStagingKey(organizationId, datasetId);
}

/** Where a completion copies the upload: `<organizationId>/<id>/<random>/data.csv`, a key no URL writes. */
export function datasetImmutableKey(organizationId: string, datasetId: string): string {
  return newImmutableKey('data.csv', organizationId, datasetId);
}

export const datasetStatuses = ['PENDING', 'READY', 'FAILED'] as const;
export type DatasetStatus = (typeof datasetStatuses)[number];

/**
 * A CSV file of an organization. Created PENDING with an upload URL of a staging key; completing the upload
 * copies the file to an immutable key and profiles that copy: READY with its columns, or FAILED with the reason
 * (see artifact/staged-upload.ts).
 */
export class Dataset extends OwnedEntity {
  name!: string;
  description: string | null = null;
  status: DatasetStatus = 'PENDING';
  /** Why the dataset is FAILED: the problem with the file, naming its line and column. */
  error: string | null = null;
  /**
   * Key of the CSV file in the `datasets` bucket: the staging key (the one the upload URL writes) until the
   * dataset is READY, then the immutable key of the profiled copy.
   */
  objectKey!: string;
  uploadExpiresAt!: Date;
  sizeBytes: number | null = null;
  /**
   * Lower-case hex SHA-256 of the profiled copy, which readers check; null until READY, and for datasets
   * completed before hashes were recorded (readers then skip the check).
   */
  sha256: string | null = null;
  rowCount: number | null = null;
  columns: ColumnSummary[] = [];
  /** Up to 1,000 rows drawn while profiling; lazy, so that listing datasets does not read it. */
  referenceSample: ReferenceSample | null = null;
  profiledAt: Date | null = null;
}

export const DatasetSchema = new EntitySchema<Dataset>({
  class: Dataset,
  tableName: 'datasets',
  filters: organizationFilter,
  uniques: [uniqueNameIndex('datasets')],
  indexes: [newestFirstIndex('datasets')],
  properties: {
    ...ownedEntityProperties,
    name: { type: 'string', length: 100 },
    description: { type: 'text', nullable: true },
    status: { enum: true, items: () => [...datasetStatuses], default: 'PENDING' },
    error: { type: 'text', nullable: true },
    objectKey: { type: 'string', length: 200 },
    uploadExpiresAt: { type: 'datetime' },
    sizeBytes: { type: 'integer', nullable: true },
    sha256: { type: 'string', length: 64, nullable: true },
    rowCount: { type: 'integer', nullable: true },
    columns: { type: 'json' },
    referenceSample: { type: 'json', nullable: true, lazy: true },
    profiledAt: { type: 'datetime', nullable: true },
  },
});
