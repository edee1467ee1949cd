import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { readSubgraphSchema } from '../../lib/paths';
import { startPeriodicTask } from '../../lib/periodic-task';
import type { SubgraphModule } from '../../lib/subgraph-module';
import { sweepArtifacts } from './artifact/artifact-sweeper';
import { ArtifactStorage, defaultArtifactSettings, type ArtifactSettings } from './artifact/artifact-storage';
import { PendingObjectDeletionSchema } from './artifact/pending-object-deletion.entity';
import type { RegistryContext } from './context';
import { DatasetSchema } from './dataset/dataset.entity';
import { DatasetService, type DatasetUsage } from './dataset/dataset.service';
import { ExperimentSchema, ExperimentTagSchema } from './experiment/experiment.entity';
import { ExperimentService } from './experiment/experiment.service';
import { ModelSchema, ModelTagSchema } from './model/model.entity';
import { ModelService } from './model/model.service';
import { ModelAliasSchema } from './model-version/model-alias.entity';
import {
  ModelVersionCounterSchema,
  ModelVersionSchema,
  ModelVersionTagSchema,
} from './model-version/model-version.entity';
import { ModelVersionStageService } from './model-version/model-version-stage.service';
import { ModelVersionUploadService } from './model-version/model-version-upload.service';
import { ModelVersionService } from './model-version/model-version.service';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
import { RegistryRequest } from './registry-request';
import { resolvers } from './resolvers';
import { MetricPointSchema, RunLatestMetricSchema } from './run/metric.entity';
import { MetricService } from './run/metric.service';
import { RunParamSchema, RunSchema } from './run/run.entity';
import { RunService } from './run/run.service';
import { TRAINING_QUEUE } from './training-job/training-queue';
import { TrainingJobEpochSchema, TrainingJobSchema } from './training-job/training-job.entity';
import { TrainingJobRepository } from './training-job/training-job.repository';
import { TrainingJobService } from './training-job/training-job.service';

/** Deleting a dataset asks the training jobs whether any unfinished one reads it. */
const trainingJobUsage: DatasetUsage = {
  unfinishedTrainingJobs: (em, datasetId) => new TrainingJobRepository(em).unfinished({ datasetId }),
};

export interface RegistryModuleOptions extends Partial<ArtifactSettings> {
  /**
   * How often the artifact sweeper runs (expired uploads, queued object removals); 0 turns it off.
   * @default 60_000
   */
  sweepIntervalMs?: number;
  /** How long a `trainingJobUpdated` subscription waits for an event before reading the job again. */
  subscriptionRecheckMs?: number;
}

export function createRegistryModule(options: RegistryModuleOptions = {}): SubgraphModule {
  const { sweepIntervalMs = 60_000, subscriptionRecheckMs, ...settings } = options;
  return {
    name: 'registry',
    entities: [
      ModelSchema,
      ModelTagSchema,
      ModelVersionSchema,
      ModelVersionTagSchema,
      ModelVersionCounterSchema,
      ModelAliasSchema,
      PendingObjectDeletionSchema,
      ExperimentSchema,
      ExperimentTagSchema,
      RunSchema,
      RunParamSchema,
      MetricPointSchema,
      RunLatestMetricSchema,
      DatasetSchema,
      TrainingJobSchema,
      TrainingJobEpochSchema,
    ],
    migrations: { postgresql, sqlite },
    async create({ orm, infrastructure, logger }) {
      const trainingQueue = infrastructure.jobQueue(TRAINING_QUEUE);
      const artifacts = new ArtifactStorage(infrastructure.objectStore, orm, logger, {
        ...defaultArtifactSettings,
        ...settings,
      });
      // Every replica sweeps; the sweep is written to be safe when they overlap.
      const sweeper =
        sweepIntervalMs > 0
          ? startPeriodicTask(() => sweepArtifacts(orm, artifacts, logger), {
              name: 'artifact-sweeper',
              intervalMs: sweepIntervalMs,
              logger,
            })
          : undefined;
      return {
        name: 'registry',
        typeDefs: readSubgraphSchema('registry'),
        resolvers: resolvers as GraphQLResolverMap<RegistryContext>,
        readiness: {},
        createContext: (base): RegistryContext => {
          const request = new RegistryRequest(orm, base.caller);
          const models = new ModelService(request, artifacts);
          const entityManager = () => request.em();
          const experiments = new ExperimentService(entityManager, base.caller);
          const runs = new RunService(entityManager, base.caller, experiments);
          const versions = new ModelVersionService(request, models, artifacts, runs);
          const datasets = new DatasetService(entityManager, base.caller, {
            store: infrastructure.objectStore,
            removals: artifacts,
            usage: trainingJobUsage,
          });
          return {
            ...base,
            models,
            versions,
            experiments,
            runs,
            metrics: new MetricService(entityManager, base.caller, runs),
            uploads: new ModelVersionUploadService(request, versions, artifacts),
            stages: new ModelVersionStageService(request, models, versions),
            datasets,
            trainingJobs: new TrainingJobService(request, models, datasets, {
              queue: trainingQueue,
              bus: infrastructure.bus,
              logger: base.logger,
              recheckMs: subscriptionRecheckMs,
            }),
          };
        },
        stopBackgroundWork: async () => {
          await sweeper?.stop();
        },
      };
    },
  };
}

export const registryModule: SubgraphModule = createRegistryModule();
