import type { DriftReportResolvers } from '../__generated__/resolvers-types';

export const DriftReport: DriftReportResolvers = {
  __resolveReference: (reference, { driftReports }) => driftReports.get(reference.id),
  model: (report) => ({ id: report.modelId }),
  version: (report) => ({ id: report.versionId }),
  computedAt: (report) => report.createdAt,
};
