import type { SubgraphName } from '../lib/config';
import type { SubgraphModule } from '../lib/subgraph-module';
import { identityModule } from './identity/module';
import { inferenceModule } from './inference/module';
import { observabilityModule } from './observability/module';
import { registryModule } from './registry/module';

/**
 * Every subgraph, for what runs them all in one process (embedded mode, migration scripts, tests). A subgraph's
 * own process (`subgraphs/<name>/main.ts`) imports only its own module, so it loads no other subgraph's code.
 */
export const subgraphModules: Record<SubgraphName, SubgraphModule> = {
  identity: identityModule,
  registry: registryModule,
  inference: inferenceModule,
  observability: observabilityModule,
};
