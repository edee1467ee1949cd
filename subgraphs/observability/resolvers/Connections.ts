import type {
  DriftAlertConnectionResolvers,
  DriftReportConnectionResolvers,
} from '../__generated__/resolvers-types';

// Counted only when asked for: the count is a second query.
export const DriftReportConnection: DriftReportConnectionResolvers = {
  totalCount: (page) => page.count(),
};

export const DriftAlertConnection: DriftAlertConnectionResolvers = {
  totalCount: (page) => page.count(),
};
