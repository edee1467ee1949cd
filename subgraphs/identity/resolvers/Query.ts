import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  me: (_root, _args, { viewer }) => viewer.read().user(viewer.id),
  organization: (_root, { id }, { organizations }) => organizations.get(id),
};
