import type { TrainingJobConnectionResolvers } from '../__generated__/resolvers-types';

export const TrainingJobConnection: TrainingJobConnectionResolvers = {
  // Counted only when asked for: the count is a second query.
  totalCount: (page) => page.count(),
};
