import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import type { DriftAlert } from '../drift-alert/drift-alert.entity';
import type { DriftReport } from '../drift/drift-report.entity';

export const Subscription: SubscriptionResolvers = {
  modelDriftUpdated: {
    subscribe: (_root, { modelId }, { driftReports }) => driftReports.updates(modelId),
    resolve: (report: DriftReport) => report,
  },
  driftAlerts: {
    subscribe: (_root, { modelId }, { driftAlerts }) => driftAlerts.updates(modelId),
    resolve: (alert: DriftAlert) => alert,
  },
};
