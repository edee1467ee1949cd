import { EntitySchema } from '@mikro-orm/core';
import { newestFirstIndex, OwnedEntity, ownedEntityProperties } from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';
import type { FeatureSpec } from '../../../ml/feature';
import type { Algorithm, Hyperparameters } from '../../../ml/training/hyperparameters';
import { algorithms } from '../../../ml/training/hyperparameters';

export const jobStatuses = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** Statuses a job never leaves. */
export const finishedStatuses: readonly JobStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
export const unfinishedStatuses: readonly JobStatus[] = ['QUEUED', 'RUNNING'];
export const isFinished = (status: JobStatus): boolean => finishedStatuses.includes(status);

/**
 * A training job. The row is the truth about the job: the queue only carries its id to a worker, and every
 * change of status is a conditional update, so a cancel and a worker (or two workers) cannot both win.
 * `revision` grows with every change; events carry it, so a subscriber that read the row can skip the events
 * it already saw.
 */
export class TrainingJob extends OwnedEntity {
  modelId!: string;
  datasetId!: string;
  algorithm!: Algorithm;
  status: JobStatus = 'QUEUED';
  targetColumn!: string;
  /** Names and types as the dataset's profile gave them, in the order the model takes them. */
  features!: FeatureSpec[];
  hyperparameters!: Hyperparameters;
  epoch = 0;
  totalEpochs!: number;
  progress = 0;
  error: string | null = null;
  cancelRequested = false;
  attempt = 0;
  revision = 1;
  resultVersionId: string | null = null;
  runId: string | null = null;
  startedAt: Date | null = null;
  finishedAt: Date | null = null;
}

/** One completed epoch of a job's current attempt (a retried job starts its history again). */
export class TrainingJobEpoch {
  jobId!: string;
  epoch!: number;
  loss!: number;
  validationLoss: number | null = null;
  accuracy: number | null = null;
  validationAccuracy: number | null = null;
  elapsedMs!: number;
}

export const TrainingJobSchema = new EntitySchema<TrainingJob>({
  class: TrainingJob,
  tableName: 'training_jobs',
  filters: organizationFilter,
  indexes: [
    newestFirstIndex('training_jobs'),
    { name: 'training_jobs_model_id_index', properties: ['modelId'] },
    { name: 'training_jobs_dataset_id_status_index', properties: ['datasetId', 'status'] },
  ],
  properties: {
    ...ownedEntityProperties,
    modelId: { type: 'uuid' },
    datasetId: { type: 'uuid' },
    algorithm: { enum: true, items: () => [...algorithms] },
    status: { enum: true, items: () => [...jobStatuses], default: 'QUEUED' },
    targetColumn: { type: 'string', length: 200 },
    features: { type: 'json' },
    hyperparameters: { type: 'json' },
    epoch: { type: 'integer', default: 0 },
    totalEpochs: { type: 'integer' },
    progress: { type: 'double', default: 0 },
    error: { type: 'text', nullable: true },
    cancelRequested: { type: 'boolean', default: false },
    attempt: { type: 'integer', default: 0 },
    revision: { type: 'integer', default: 1 },
    resultVersionId: { type: 'uuid', nullable: true },
    runId: { type: 'uuid', nullable: true },
    startedAt: { type: 'datetime', nullable: true },
    finishedAt: { type: 'datetime', nullable: true },
  },
});

export const TrainingJobEpochSchema = new EntitySchema<TrainingJobEpoch>({
  class: TrainingJobEpoch,
  tableName: 'training_job_epochs',
  properties: {
    jobId: { type: 'uuid', primary: true },
    epoch: { type: 'integer', primary: true },
    loss: { type: 'double' },
    validationLoss: { type: 'double', nullable: true },
    accuracy: { type: 'double', nullable: true },
    validationAccuracy: { type: 'double', nullable: true },
    elapsedMs: { type: 'integer' },
  },
});
