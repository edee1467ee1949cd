import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  models: (_root, args, { models }) => models.list(args),
  model: (_root, { id }, { models }) => models.get(id),
  modelByName: (_root, { name }, { models }) => models.findByName(name),
  datasets: (_root, args, { datasets }) => datasets.list(args),
  dataset: (_root, { id }, { datasets }) => datasets.get(id),
};
