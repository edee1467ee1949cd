import type { TrainingJob } from './training-job.entity';

/**
 * What the `TrainingJob` resolvers read of a job, and `revision`, which orders its events: an entity loaded by a
 * query, or a job decoded from a bus event.
 */
export type TrainingJobView = Pick<
  TrainingJob,
  | 'id'
  | 'ownerId'
  | 'modelId'
  | 'datasetId'
  | 'algorithm'
  | 'status'
  | 'targetColumn'
  | 'features'
  | 'hyperparameters'
  | 'epoch'
  | 'totalEpochs'
  | 'progress'
  | 'error'
  | 'cancelRequested'
  | 'attempt'
  | 'revision'
  | 'resultVersionId'
  | 'runId'
  | 'createdAt'
  | 'startedAt'
  | 'finishedAt'
  | 'updatedAt'
>;

type DateFields = 'createdAt' | 'startedAt' | 'finishedAt' | 'updatedAt';

/** A job as it travels on the bus: plain JSON, its dates as ISO 8601 strings. */
export type TrainingJobSnapshot = Omit<TrainingJobView, DateFields> & {
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
};

const isoOrNull = (date: Date | null): string | null => date?.toISOString() ?? null;
const dateOrNull = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** Only the view's fields: what else the row holds (its organization) stays off the bus. */
export function encodeJobSnapshot(job: TrainingJobView): TrainingJobSnapshot {
  return {
    id: job.id,
    ownerId: job.ownerId,
    modelId: job.modelId,
    datasetId: job.datasetId,
    algorithm: job.algorithm,
    status: job.status,
    targetColumn: job.targetColumn,
    features: job.features,
    hyperparameters: job.hyperparameters,
    epoch: job.epoch,
    totalEpochs: job.totalEpochs,
    progress: job.progress,
    error: job.error,
    cancelRequested: job.cancelRequested,
    attempt: job.attempt,
    revision: job.revision,
    resultVersionId: job.resultVersionId,
    runId: job.runId,
    createdAt: job.createdAt.toISOString(),
    startedAt: isoOrNull(job.startedAt),
    finishedAt: isoOrNull(job.finishedAt),
    updatedAt: job.updatedAt.toISOString(),
  };
}

export function decodeJobSnapshot(snapshot: TrainingJobSnapshot): TrainingJobView {
  return {
    ...snapshot,
    createdAt: new Date(snapshot.createdAt),
    startedAt: dateOrNull(snapshot.startedAt),
    finishedAt: dateOrNull(snapshot.finishedAt),
    updatedAt: new Date(snapshot.updatedAt),
  };
}
