import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  models: (_root, args, { models }) => models.list(args),
  model: (_root, { id }, { models }) => models.get(id),
  modelByName: (_root, { name }, { models }) => models.findByName(name),
  experiments: (_root, args, { experiments }) => experiments.list(args),
  experiment: (_root, { id }, { experiments }) => experiments.get(id),
  experimentByName: (_root, { name }, { experiments }) => experiments.findByName(name),
  run: (_root, { id }, { runs }) => runs.get(id),
  modelVersion: (_root, { id }, { versions }) => versions.get(id),
  datasets: (_root, args, { datasets }) => datasets.list(args),
  dataset: (_root, { id }, { datasets }) => datasets.get(id),
  trainingJob: (_root, { id }, { trainingJobs }) => trainingJobs.get(id),
  trainingJobs: (_root, args, { trainingJobs }) => trainingJobs.list(args),
};
