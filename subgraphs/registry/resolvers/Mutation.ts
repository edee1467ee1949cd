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
  createModelVersion: (_root, { modelId, input }, { versions }) => versions.create(modelId, input),
  completeModelVersionUpload: (_root, { versionId }, { uploads }) => uploads.complete(versionId),
  transitionModelVersionStage: (_root, { versionId, stage }, { stages }) =>
    stages.transition(versionId, stage),
  updateModelVersion: (_root, { id, input }, { versions }) => versions.update(id, input),
  setModelAlias: (_root, { modelId, alias, versionId }, { stages }) =>
    stages.setAlias(modelId, alias, versionId),
  deleteModelAlias: (_root, { modelId, alias }, { stages }) => stages.deleteAlias(modelId, alias),
  createDataset: (_root, { input }, { datasets }) => datasets.create(input),
  completeDatasetUpload: (_root, { datasetId }, { datasets }) => datasets.completeUpload(datasetId),
  deleteDataset: (_root, { id }, { datasets }) => datasets.delete(id),
  startTrainingJob: (_root, { input }, { trainingJobs }) => trainingJobs.start(input),
  cancelTrainingJob: (_root, { id }, { trainingJobs }) => trainingJobs.cancel(id),
};
