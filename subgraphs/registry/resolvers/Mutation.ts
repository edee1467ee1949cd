import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  createModel: (_root, { input }, { models }) => models.create(input),
  updateModel: (_root, { id, input }, { models }) => models.update(id, input),
  deleteModel: (_root, { id }, { models }) => models.delete(id),
  createExperiment: (_root, { input }, { experiments }) => experiments.create(input),
  createRun: (_root, { experimentId, params }, { runs }) => runs.create(experimentId, params),
  logParams: (_root, { runId, params }, { runs }) => runs.logParams(runId, params),
  logMetrics: (_root, { runId, metrics: points }, { metrics }) => metrics.log(runId, points),
  finishRun: (_root, { runId, status }, { runs }) => runs.finish(runId, status),
  createDataset: (_root, { input }, { datasets }) => datasets.create(input),
  completeDatasetUpload: (_root, { datasetId }, { datasets }) => datasets.completeUpload(datasetId),
  deleteDataset: (_root, { id }, { datasets }) => datasets.delete(id),
};
