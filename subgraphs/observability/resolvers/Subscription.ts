import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import type { ModelMetricsView } from '../metrics/model-metrics.service';

export const Subscription: SubscriptionResolvers = {
  modelMetricsUpdated: {
    subscribe: (_root, { modelId, window }, { modelMetricsUpdates }) =>
      modelMetricsUpdates.subscribe(modelId, window ?? 'LAST_5_MINUTES'),
    resolve: (view: ModelMetricsView) => view,
  },
};
