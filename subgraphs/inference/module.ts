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
import { createPredictionDependencies } from './prediction/prediction-dependencies';
import { followDeploymentEvents, publishDeploymentEvent } from './serving/deployment-events';
import { ModelSessions } from './serving/model-sessions';
import { ReadyDeployments } from './serving/ready-deployments';
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
    async create({ orm, config, infrastructure, logger, metrics }) {
      const registry = new RegistryVersions(config);
      const sessions =
        options.sessions ??
        new ModelSessions(registry, {
          maxBytes: config.inference.memoryMb * 1024 * 1024,
          batchMaxSize: config.inference.batchMaxSize,
          batchMaxDelayMs: config.inference.batchMaxDelayMs,
        });
      const ready = new ReadyDeployments();
      const prediction = createPredictionDependencies({
        config,
        infrastructure,
        logger,
        metrics,
        sessions,
        ready,
      });
      const dependencies: InferenceDependencies = {
        ...prediction,
        registry,
        modelNames: new ModelNames(registry, { ttlMs: config.inference.modelNameCacheMs }),
        // This replica's predictions see the change as soon as it is committed; the others when the event arrives.
        announce: (event) => {
          ready.forgetAll();
          return publishDeploymentEvent(infrastructure.bus, event, logger);
        },
      };
      const events = await followDeploymentEvents(infrastructure.bus, sessions, ready, logger);
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
          // What is still queued reaches the stream before the infrastructure closes.
          await prediction.events.flush();
        },
      };
    },
  };
}

export const inferenceModule: SubgraphModule = createInferenceModule();
