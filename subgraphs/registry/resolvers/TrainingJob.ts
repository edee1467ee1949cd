import type { TrainingJobResolvers } from '../__generated__/resolvers-types';

export const TrainingJob: TrainingJobResolvers = {
  __resolveReference: (reference, { trainingJobs }) => trainingJobs.findById(reference.id),
  model: (job, _args, { models }) => models.get(job.modelId),
  dataset: (job, _args, { datasets }) => datasets.get(job.datasetId),
  history: (job, _args, { trainingJobs }) => trainingJobs.history(job),
  featureColumns: (job) => job.features.map((feature) => feature.name),
  resultVersion: (job, _args, { versions }) =>
    job.resultVersionId ? versions.findById(job.resultVersionId) : null,
  run: (job, _args, { runs }) => (job.runId ? runs.findById(job.runId) : null),
  // Identity owns users; the gateway resolves the reference there.
  owner: (job) => ({ __typename: 'User', id: job.ownerId }),
};
