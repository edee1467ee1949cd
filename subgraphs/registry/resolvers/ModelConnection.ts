import type { ModelConnectionResolvers } from '../__generated__/resolvers-types';

export const ModelConnection: ModelConnectionResolvers = {
  // Counted only when asked for: the count is a second query over every matching row.
  totalCount: (page) => page.count(),
};
