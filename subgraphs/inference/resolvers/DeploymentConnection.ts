import type { DeploymentConnectionResolvers } from '../__generated__/resolvers-types';

export const DeploymentConnection: DeploymentConnectionResolvers = {
  // Counted only when asked for: the count is a second query.
  totalCount: (page) => page.count(),
};
