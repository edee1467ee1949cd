import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { readSubgraphSchema } from '../../lib/paths';
import type { SubgraphModule } from '../../lib/subgraph-module';
import type { InferenceContext } from './context';
import { DeploymentSchema } from './deployment/deployment.entity';
import { DeploymentService } from './deployment/deployment.service';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
import { resolvers } from './resolvers';

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
        deployments: new DeploymentService(orm, base.caller),
      }),
    };
  },
};
