import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { subgraphNames, subgraphUrl } from '../../lib/config';
import { readSubgraphSchema } from '../../lib/paths';
import { readinessUrl } from '../../lib/server/health';
import type { SubgraphModule } from '../../lib/subgraph-module';
import type { ObservabilityContext } from './context';
import { DriftPolicySchema } from './drift-policy/drift-policy.entity';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
import { ObservabilityRequest } from './observability-request';
import { resolvers } from './resolvers';
import { createObservabilityServices, type ObservabilityDependencies } from './services';

export const observabilityModule: SubgraphModule = {
  name: 'observability',
  entities: [DriftPolicySchema],
  migrations: { postgresql, sqlite },
  async create({ orm, config }) {
    const dependencies: ObservabilityDependencies = {
      readinessUrls: Object.fromEntries(
        subgraphNames.map((name) => [name, readinessUrl(subgraphUrl(config, name))]),
      ),
    };
    return {
      name: 'observability',
      typeDefs: readSubgraphSchema('observability'),
      resolvers: resolvers as GraphQLResolverMap<ObservabilityContext>,
      readiness: {},
      createContext: (base): ObservabilityContext => ({
        ...base,
        ...createObservabilityServices(new ObservabilityRequest(orm, base.caller), dependencies),
      }),
    };
  },
};
