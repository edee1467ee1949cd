import type { DatasetConnectionResolvers } from '../__generated__/resolvers-types';

export const DatasetConnection: DatasetConnectionResolvers = {
  // Counted only when asked for: the count is a second query.
  totalCount: (page) => page.count(),
};
