import type { SubgraphDependencies } from '../../../lib/subgraph-module';
import type { ModelSessions } from '../serving/model-sessions';
import type { ReadyDeployments } from '../serving/ready-deployments';
import { L2Policy } from './l2-policy';
import { PredictionCache } from './prediction-cache';
import { PredictionEventQueue } from './prediction-events';
import { PredictionMetrics } from './prediction-metrics';
import type { PredictionDependencies } from './prediction.service';

/** What one replica's predictions share: its cache, event queue and metrics, fed by its model sessions. */
export function createPredictionDependencies({
  config,
  infrastructure,
  logger,
  metrics,
  sessions,
  ready,
}: Omit<SubgraphDependencies, 'orm'> & {
  sessions: ModelSessions;
  ready: ReadyDeployments;
}): PredictionDependencies {
  const predictionMetrics = new PredictionMetrics(metrics);
  const policy = new L2Policy();
  sessions.observe(predictionMetrics.sessionObserver);
  sessions.observe({
    onRun: (deploymentId, rows, ms) => policy.recordRun(deploymentId, rows, ms),
    onRelease: (deploymentId) => policy.forget(deploymentId),
  });
  const { inference } = config;
  return {
    sessions,
    predictBatchMax: inference.predictBatchMax,
    cacheTtlSeconds: inference.cacheTtlSeconds,
    cache: new PredictionCache({
      l1MaxBytes: inference.cacheL1Mb * 1024 * 1024,
      // Without REDIS_URL everything runs in this one process (embedded mode): there is no other replica to share
      // answers with, and the in-memory Cache would only be a second, slower copy of L1.
      l2: config.redisUrl ? infrastructure.cache : undefined,
      policy,
      logger,
    }),
    events: new PredictionEventQueue({
      stream: infrastructure.eventStream,
      streamMaxLength: inference.streamMaxLength,
      queueMax: inference.eventsQueueMax,
      onDrop: (count) => predictionMetrics.eventsDropped.inc(count),
      logger,
    }),
    metrics: predictionMetrics,
    ready,
  };
}
