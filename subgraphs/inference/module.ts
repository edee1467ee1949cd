import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { readSubgraphSchema } from '../../lib/paths';
import type { SubgraphModule } from '../../lib/subgraph-module';
import type { InferenceContext } from './context';
import { DeploymentSchema } from './deployment/deployment.entity';
import { RegistryVersions } from './deployment/registry-versions';
import { InferenceRequest } from './inference-request';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
import { ModelNames } from './oip/model-names';
import { createOpenInferenceRoute, OPEN_INFERENCE_ROUTES } from './oip/open-inference-route';
import { resolvers } from './resolvers';
import { followDeploymentEvents, publishDeploymentEvent } from './serving/deployment-events';
import { ModelSessions } from './serving/model-sessions';
import { createInferenceServices, type InferenceDependencies } from './services';

export interface InferenceModuleOptions {
  /** The replica's loaded models; tests pass their own to see what a replica has loaded. */
  sessions?: ModelSessions;
}

export function createInferenceModule(options: InferenceModuleOptions = {}): SubgraphModule {
  return {
    name: 'inference',
    entities: [DeploymentSchema],
    migrations: { postgresql, sqlite },
    async create({ orm, config, infrastructure, logger }) {
      const registry = new RegistryVersions(config);
      const sessions =
        options.sessions ??
        new ModelSessions(registry, {
          maxBytes: config.inference.memoryMb * 1024 * 1024,
          batchMaxSize: config.inference.batchMaxSize,
          batchMaxDelayMs: config.inference.batchMaxDelayMs,
        });
      const dependencies: InferenceDependencies = {
        registry,
        sessions,
        predictBatchMax: config.inference.predictBatchMax,
        modelNames: new ModelNames(registry, { ttlMs: config.inference.modelNameCacheMs }),
        announce: (event) => publishDeploymentEvent(infrastructure.bus, event, logger),
      };
      const events = await followDeploymentEvents(infrastructure.bus, sessions, logger);
      return {
        name: 'inference',
        typeDefs: readSubgraphSchema('inference'),
        resolvers: resolvers as GraphQLResolverMap<InferenceContext>,
        readiness: {},
        routes: {
          [OPEN_INFERENCE_ROUTES]: createOpenInferenceRoute({
            maxRequestBytes: config.limits.maxRequestBytes,
            logger,
          }),
        },
        createContext: (base): InferenceContext => ({
          ...base,
          ...createInferenceServices(new InferenceRequest(orm, base.caller), dependencies),
        }),
        stopBackgroundWork: async () => {
          await events.stop();
          await sessions.releaseAll();
        },
      };
    },
  };
}

export const inferenceModule: SubgraphModule = createInferenceModule();
