import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import type { DriftAlert } from '../drift-alert/drift-alert.entity';
import type { DriftReport } from '../drift/drift-report.entity';
import type { ModelMetricsView } from '../metrics/model-metrics.service';

export const Subscription: SubscriptionResolvers = {
  modelMetricsUpdated: {
    subscribe: (_root, { modelId, window }, { modelMetricsUpdates }) =>
      modelMetricsUpdates.subscribe(modelId, window ?? 'LAST_5_MINUTES'),
    resolve: (view: ModelMetricsView) => view,
  },
  modelDriftUpdated: {
    subscribe: (_root, { modelId }, { driftReports }) => driftReports.updates(modelId),
    resolve: (report: DriftReport) => report,
  },
  driftAlerts: {
    subscribe: (_root, { modelId }, { driftAlerts }) => driftAlerts.updates(modelId),
    resolve: (alert: DriftAlert) => alert,
  },
};
