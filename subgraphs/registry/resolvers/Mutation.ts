import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  createModel: (_root, { input }, { models }) => models.create(input),
  updateModel: (_root, { id, input }, { models }) => models.update(id, input),
  deleteModel: (_root, { id }, { models }) => models.delete(id),
  createDataset: (_root, { input }, { datasets }) => datasets.create(input),
  completeDatasetUpload: (_root, { datasetId }, { datasets }) => datasets.completeUpload(datasetId),
  deleteDataset: (_root, { id }, { datasets }) => datasets.delete(id),
};
