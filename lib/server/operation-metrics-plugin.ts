import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ServiceMetrics } from '../metrics';

/** Counts operations by type, name and outcome, and times them. */
export function createOperationMetricsPlugin<T extends BaseContext>(
  metrics: ServiceMetrics,
): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operation, operationName, errors }) {
          const type = operation?.operation ?? 'unknown';
          metrics.operations.inc({
            type,
            name: metrics.operationName(operationName),
            outcome: errors?.length ? 'error' : 'ok',
          });
          metrics.operationSeconds.observe({ type }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
