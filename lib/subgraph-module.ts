import type { Config, SubgraphName } from './config';
import type { MigrationSet, Orm } from './database';
import type { DatabaseOptions } from './database';
import type { Infrastructure } from './infrastructure';
import type { Logger } from './logger';
import type { ServiceMetrics } from './metrics';
import type { SubgraphDefinition } from './server/subgraph-server';

export interface SubgraphDependencies {
  config: Config;
  orm: Orm;
  infrastructure: Infrastructure;
  logger: Logger;
  /** The registry `/metrics` of the subgraph's server answers, for the module's own series. */
  metrics: ServiceMetrics;
}

/**
 * What a subgraph folder exports (`subgraphs/<name>/module.ts`) so that the same code runs embedded (all
 * subgraphs in one process) and split (one process per subgraph).
 */
export interface SubgraphModule {
  name: SubgraphName;
  entities: DatabaseOptions['entities'];
  migrations: MigrationSet;
  // The context type is the subgraph's own business.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  create(dependencies: SubgraphDependencies): Promise<SubgraphDefinition<any>>;
}
