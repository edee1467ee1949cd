import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  models: (_root, args, { models }) => models.list(args),
  model: (_root, { id }, { models }) => models.get(id),
  modelByName: (_root, { name }, { models }) => models.findByName(name),
  modelVersion: (_root, { id }, { versions }) => versions.get(id),
};
