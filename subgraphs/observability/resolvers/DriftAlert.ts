import { errors } from '../../../lib/errors';
import type { DriftAlertResolvers } from '../__generated__/resolvers-types';

export const DriftAlert: DriftAlertResolvers = {
  __resolveReference: (reference, { driftAlerts }) => driftAlerts.get(reference.id),
  model: (alert) => ({ id: alert.modelId }),
  report: async (alert, _args, { driftReports }) => {
    const report = await driftReports.get(alert.reportId);
    if (!report) throw errors.notFound('Drift report', alert.reportId);
    return report;
  },
  retrainJob: (alert) => (alert.retrainJobId ? { id: alert.retrainJobId } : null),
};
