import type { SubgraphName } from './config';
import type { SubgraphModule } from './subgraph-module';
import { identityModule } from '../subgraphs/identity/module';
import { inferenceModule } from '../subgraphs/inference/module';
import { observabilityModule } from '../subgraphs/observability/module';
import { registryModule } from '../subgraphs/registry/module';

export const subgraphModules: Record<SubgraphName, SubgraphModule> = {
  identity: identityModule,
  registry: registryModule,
  inference: inferenceModule,
  observability: observabilityModule,
};

export function loadSubgraphModule(name: SubgraphName): SubgraphModule {
  return subgraphModules[name];
}
