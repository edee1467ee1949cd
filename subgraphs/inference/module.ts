import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { readSubgraphSchema } from '../../lib/paths';
import type { SubgraphModule } from '../../lib/subgraph-module';
import type { InferenceContext } from './context';
import { DeploymentSchema } from './deployment/deployment.entity';
import { InferenceRequest } from './inference-request';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
import { RegistryVersions } from './deployment/registry-versions';
import { resolvers } from './resolvers';
import { ModelSessions } from './serving/model-sessions';
import { createInferenceServices, type InferenceDependencies } from './services';

export const inferenceModule: SubgraphModule = {
  name: 'inference',
  entities: [DeploymentSchema],
  migrations: { postgresql, sqlite },
  async create({ orm, config }) {
    const registry = new RegistryVersions(config);
    const dependencies: InferenceDependencies = {
      registry,
      sessions: new ModelSessions(registry),
      predictBatchMax: config.inference.predictBatchMax,
    };
    return {
      name: 'inference',
      typeDefs: readSubgraphSchema('inference'),
      resolvers: resolvers as GraphQLResolverMap<InferenceContext>,
      readiness: {},
      createContext: (base): InferenceContext => ({
        ...base,
        ...createInferenceServices(new InferenceRequest(orm, base.caller), dependencies),
      }),
      stopBackgroundWork: () => dependencies.sessions.releaseAll(),
    };
  },
};
