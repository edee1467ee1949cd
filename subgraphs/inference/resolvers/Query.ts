import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  deployment: (_root, { id }, { deployments }) => deployments.get(id),
  deployments: (_root, args, { deployments }) => deployments.list(args),
};
