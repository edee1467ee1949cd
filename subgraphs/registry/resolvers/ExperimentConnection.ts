import type { ExperimentConnectionResolvers } from '../__generated__/resolvers-types';

export const ExperimentConnection: ExperimentConnectionResolvers = {
  // Counted only when asked for: the count is a second query.
  totalCount: (page) => page.count(),
};
