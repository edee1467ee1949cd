import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { readSubgraphSchema } from '../../lib/paths';
import type { SubgraphModule } from '../../lib/subgraph-module';
import type { RegistryContext } from './context';
import { DatasetSchema } from './dataset/dataset.entity';
import { sweepOrphanedDatasetObjects } from './dataset/dataset-objects';
import { DatasetService, type DatasetUsage } from './dataset/dataset.service';
import { ExperimentSchema, ExperimentTagSchema } from './experiment/experiment.entity';
import { ExperimentService } from './experiment/experiment.service';
import { ModelSchema, ModelTagSchema } from './model/model.entity';
import { ModelService } from './model/model.service';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
import { requestEntityManager } from './request-scope';
import { resolvers } from './resolvers';
import { MetricPointSchema, RunLatestMetricSchema } from './run/metric.entity';
import { MetricService } from './run/metric.service';
import { RunParamSchema, RunSchema } from './run/run.entity';
import { RunService } from './run/run.service';

/**
 * Training jobs are not built yet (their own part of the registry): until they are, no job can be using a
 * dataset. The jobs part replaces this with a query of its own table.
 */
const noTrainingJobsYet: DatasetUsage = { unfinishedTrainingJobs: async () => [] };

export const registryModule: SubgraphModule = {
  name: 'registry',
  entities: [
    ModelSchema,
    ModelTagSchema,
    ExperimentSchema,
    ExperimentTagSchema,
    RunSchema,
    RunParamSchema,
    MetricPointSchema,
    RunLatestMetricSchema,
    DatasetSchema,
  ],
  migrations: { postgresql, sqlite },
  async create({ orm, infrastructure, logger }) {
    const store = infrastructure.objectStore;
    // Objects whose removal failed after their dataset was deleted; serving does not wait for a failed sweep.
    try {
      const removed = await sweepOrphanedDatasetObjects(orm, store);
      if (removed > 0) logger.info({ removed }, 'removed objects of deleted datasets');
    } catch (error) {
      logger.warn({ err: error }, 'could not sweep objects of deleted datasets');
    }
    return {
      name: 'registry',
      typeDefs: readSubgraphSchema('registry'),
      resolvers: resolvers as GraphQLResolverMap<RegistryContext>,
      readiness: {},
      createContext: (base): RegistryContext => {
        const entityManager = requestEntityManager(orm, base.caller);
        const experiments = new ExperimentService(entityManager, base.caller);
        const runs = new RunService(entityManager, base.caller, experiments);
        return {
          ...base,
          models: new ModelService(orm, base.caller),
          experiments,
          runs,
          metrics: new MetricService(entityManager, base.caller, runs),
          datasets: new DatasetService(entityManager, base.caller, {
            store,
            usage: noTrainingJobsYet,
            logger: base.logger,
          }),
        };
      },
    };
  },
};
