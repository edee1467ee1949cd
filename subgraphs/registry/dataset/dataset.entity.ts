import { EntitySchema } from '@mikro-orm/core';
import { buckets } from '../../../lib/object-store/object-store';
import {
  newestFirstIndex,
  OwnedEntity,
  ownedEntityProperties,
  uniqueNameIndex,
} from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';
import type { ColumnSummary } from './column-stats';
import type { ReferenceSample } from './csv-profiler';

export const DATASETS_BUCKET = buckets.datasets;

/** Where a dataset's file lives in the `datasets` bucket: under its organization, then its own id. */
export function datasetObjectKey(organizationId: string, datasetId: string): string {
  return `${organizationId}/${datasetId}/data.csv`;
}

export const datasetStatuses = ['PENDING', 'READY', 'FAILED'] as const;
export type DatasetStatus = (typeof datasetStatuses)[number];

/**
 * A CSV file of an organization. Created PENDING with an upload URL; the client PUTs the file to
 * `datasets/<organizationId>/<id>/data.csv`, and completing the upload profiles it: READY with its columns,
 * or FAILED with the reason.
 */
export class Dataset extends OwnedEntity {
  name!: string;
  description: string | null = null;
  status: DatasetStatus = 'PENDING';
  /** Why the dataset is FAILED: the problem with the file, naming its line and column. */
  error: string | null = null;
  /** Key of the CSV file in the `datasets` bucket. */
  objectKey!: string;
  uploadExpiresAt!: Date;
  sizeBytes: number | null = null;
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
    rowCount: { type: 'integer', nullable: true },
    columns: { type: 'json' },
    referenceSample: { type: 'json', nullable: true, lazy: true },
    profiledAt: { type: 'datetime', nullable: true },
  },
});
