import type { ModelMetricsResolvers } from '../__generated__/resolvers-types';

export const ModelMetrics: ModelMetricsResolvers = {
  model: (metrics) => ({ id: metrics.modelId }),
};
