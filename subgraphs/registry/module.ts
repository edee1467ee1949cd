import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { readSubgraphSchema } from '../../lib/paths';
import type { SubgraphModule } from '../../lib/subgraph-module';
import type { RegistryContext } from './context';
import { ModelSchema, ModelTagSchema } from './model/model.entity';
import { ModelService } from './model/model.service';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
import { resolvers } from './resolvers';

export const registryModule: SubgraphModule = {
  name: 'registry',
  entities: [ModelSchema, ModelTagSchema],
  migrations: { postgresql, sqlite },
  async create({ orm }) {
    return {
      name: 'registry',
      typeDefs: readSubgraphSchema('registry'),
      resolvers: resolvers as GraphQLResolverMap<RegistryContext>,
      readiness: {},
      createContext: (base): RegistryContext => ({ ...base, models: new ModelService(orm, base.caller) }),
    };
  },
};
