import type { RunConnectionResolvers } from '../__generated__/resolvers-types';

export const RunConnection: RunConnectionResolvers = {
  // Counted only when asked for: the count is a second query, with the same filter.
  totalCount: (page) => page.count(),
};
