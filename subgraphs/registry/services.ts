import type { EventBus } from '../../lib/bus/event-bus';
import type { Logger } from '../../lib/logger';
import type { JobQueue } from '../../lib/queue/job-queue';
import type { ArtifactStorage } from './artifact/artifact-storage';
import { DatasetService, type DatasetUsage } from './dataset/dataset.service';
import { ExperimentService } from './experiment/experiment.service';
import type { ModelDeployments } from './model/model-deployments';
import { ModelService } from './model/model.service';
import { ModelVersionStageService } from './model-version/model-version-stage.service';
import { ModelVersionUploadService } from './model-version/model-version-upload.service';
import { ModelVersionService } from './model-version/model-version.service';
import type { RegistryRequest } from './registry-request';
import { MetricService } from './run/metric.service';
import { RunService } from './run/run.service';
import { TrainingJobRepository } from './training-job/training-job.repository';
import { TrainingJobService } from './training-job/training-job.service';

/** What the registry's services need beyond the request: built once per process by a composition root. */
export interface RegistryDependencies {
  artifacts: ArtifactStorage;
  /** What inference serves of a model (deleteModel asks). */
  deployments: ModelDeployments;
  trainingQueue: JobQueue;
  bus: EventBus;
  logger: Logger;
  /** How long a `trainingJobUpdated` subscription waits for an event before reading the job again. */
  subscriptionRecheckMs?: number;
}

/** Every registry service of one request, sharing the request's caller and EntityManager. */
export interface RegistryServices {
  models: ModelService;
  versions: ModelVersionService;
  uploads: ModelVersionUploadService;
  stages: ModelVersionStageService;
  experiments: ExperimentService;
  runs: RunService;
  metrics: MetricService;
  datasets: DatasetService;
  trainingJobs: TrainingJobService;
}

/** Deleting a dataset asks the training jobs whether any unfinished one reads it. */
const trainingJobUsage: DatasetUsage = {
  unfinishedTrainingJobs: (em, datasetId) => new TrainingJobRepository(em).unfinished({ datasetId }),
};

/**
 * The one place the registry's services are wired: the GraphQL context of a request and the training worker
 * (which acts for a job's owner) both build them here, so both get the same checks.
 */
export function createRegistryServices(
  request: RegistryRequest,
  deps: RegistryDependencies,
): RegistryServices {
  const { artifacts } = deps;
  const models = new ModelService(request, artifacts, deps.deployments);
  const experiments = new ExperimentService(request);
  const runs = new RunService(request, experiments);
  const versions = new ModelVersionService(request, models, artifacts, runs);
  const datasets = new DatasetService(request, {
    store: artifacts.objectStore,
    removals: artifacts,
    usage: trainingJobUsage,
  });
  return {
    models,
    versions,
    uploads: new ModelVersionUploadService(request, versions, artifacts),
    stages: new ModelVersionStageService(request, models, versions),
    experiments,
    runs,
    metrics: new MetricService(request, runs),
    datasets,
    trainingJobs: new TrainingJobService(request, models, datasets, {
      queue: deps.trainingQueue,
      bus: deps.bus,
      logger: deps.logger,
      recheckMs: deps.subscriptionRecheckMs,
    }),
  };
}
