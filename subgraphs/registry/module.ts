import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { readSubgraphSchema } from '../../lib/paths';
import type { SubgraphModule } from '../../lib/subgraph-module';
import type { RegistryContext } from './context';
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
  ],
  migrations: { postgresql, sqlite },
  async create({ orm }) {
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
        };
      },
    };
  },
};
