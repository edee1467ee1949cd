import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { readSubgraphSchema } from '../../lib/paths';
import { startPeriodicTask } from '../../lib/periodic-task';
import type { SubgraphModule } from '../../lib/subgraph-module';
import type { InferenceContext } from './context';
import { DeploymentRollouts } from './deployment/deployment-rollouts';
import { DeploymentSchema } from './deployment/deployment.entity';
import { RegistryVersions } from './deployment/registry-versions';
import { failStaleDeployments } from './deployment/stale-deployments';
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

/** How often a replica fails the deployments left loading past DEPLOY_LOAD_TIMEOUT_MS (it also does at start). */
export const STALE_SWEEP_INTERVAL_MS = 60_000;

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
      // This replica's predictions see a change as soon as it is committed; the others when the event arrives.
      const announce: InferenceDependencies['announce'] = (event) => {
        ready.forgetAll();
        return publishDeploymentEvent(infrastructure.bus, event, logger);
      };
      const rollouts = new DeploymentRollouts({ sessions, announce, logger });
      const dependencies: InferenceDependencies = {
        ...prediction,
        registry,
        rollouts,
        modelNames: new ModelNames(registry, { ttlMs: config.inference.modelNameCacheMs }),
        announce,
      };
      const events = await followDeploymentEvents(infrastructure.bus, sessions, ready, logger);
      const sweepStale = async () => {
        const failed = await failStaleDeployments(orm, config.inference.deployLoadTimeoutMs);
        if (failed) logger.warn({ failed }, 'failed deployments left loading past DEPLOY_LOAD_TIMEOUT_MS');
      };
      const staleSweep = startPeriodicTask(sweepStale, {
        name: 'stale-deployments',
        intervalMs: STALE_SWEEP_INTERVAL_MS,
        logger,
      });
      // At start, so that what a crashed replica left LOADING is FAILED once this one serves.
      await staleSweep.runNow();
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
          // Deployments being loaded finish first: they write their outcome and announce it on the bus.
          await rollouts.drain();
          await staleSweep.stop();
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
