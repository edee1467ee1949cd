import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { readSubgraphSchema } from '../../lib/paths';
import type { SubgraphModule } from '../../lib/subgraph-module';
import type { InferenceContext } from './context';
import { DeploymentSchema } from './deployment/deployment.entity';
import { InferenceRequest } from './inference-request';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
import { resolvers } from './resolvers';
import { createInferenceServices } from './services';

export const inferenceModule: SubgraphModule = {
  name: 'inference',
  entities: [DeploymentSchema],
  migrations: { postgresql, sqlite },
  async create({ orm }) {
    return {
      name: 'inference',
      typeDefs: readSubgraphSchema('inference'),
      resolvers: resolvers as GraphQLResolverMap<InferenceContext>,
      readiness: {},
      createContext: (base): InferenceContext => ({
        ...base,
        ...createInferenceServices(new InferenceRequest(orm, base.caller)),
      }),
    };
  },
};
