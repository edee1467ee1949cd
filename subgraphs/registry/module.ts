import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { readSubgraphSchema } from '../../lib/paths';
import { startPeriodicTask } from '../../lib/periodic-task';
import type { SubgraphModule } from '../../lib/subgraph-module';
import { sweepArtifacts } from './artifact/artifact-sweeper';
import { ArtifactStorage, artifactSettings, type ArtifactSettings } from './artifact/artifact-storage';
import { PendingObjectDeletionSchema } from './artifact/pending-object-deletion.entity';
import type { RegistryContext } from './context';
import { DatasetSchema } from './dataset/dataset.entity';
import { ExperimentSchema, ExperimentTagSchema } from './experiment/experiment.entity';
import { ModelSchema, ModelTagSchema } from './model/model.entity';
import { ModelDeployments } from './model/model-deployments';
import { ModelAliasSchema } from './model-version/model-alias.entity';
import {
  ModelVersionCounterSchema,
  ModelVersionSchema,
  ModelVersionTagSchema,
} from './model-version/model-version.entity';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
import { RegistryRequest } from './registry-request';
import { resolvers } from './resolvers';
import { createRegistryServices, type RegistryDependencies } from './services';
import { MetricPointSchema, RunLatestMetricSchema } from './run/metric.entity';
import { RunParamSchema, RunSchema } from './run/run.entity';
import { TRAINING_QUEUE } from './training-job/training-queue';
import { TrainingJobEpochSchema, TrainingJobSchema } from './training-job/training-job.entity';
import { registerTrainingJobMetrics } from './training-job/training-job-metrics';

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
    async create({ orm, config, infrastructure, logger, metrics }) {
      registerTrainingJobMetrics(orm, metrics, logger);
      const artifacts = new ArtifactStorage(infrastructure.objectStore, orm, logger, {
        ...artifactSettings(config),
        ...settings,
      });
      const dependencies: RegistryDependencies = {
        artifacts,
        deployments: new ModelDeployments(config),
        trainingQueue: infrastructure.jobQueue(TRAINING_QUEUE),
        bus: infrastructure.bus,
        logger,
        subscriptionRecheckMs,
      };
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
        createContext: (base): RegistryContext => ({
          ...base,
          ...createRegistryServices(new RegistryRequest(orm, base.caller), {
            ...dependencies,
            logger: base.logger,
          }),
        }),
        stopBackgroundWork: async () => {
          await sweeper?.stop();
        },
      };
    },
  };
}

export const registryModule: SubgraphModule = createRegistryModule();
