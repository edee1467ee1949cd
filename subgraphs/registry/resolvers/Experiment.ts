import type { ExperimentResolvers } from '../__generated__/resolvers-types';

export const Experiment: ExperimentResolvers = {
  // Batched: a gateway asking for 100 experiments costs one query (and one more for their tags).
  __resolveReference: (reference, { experiments }) => experiments.findById(reference.id),
  tags: (experiment, _args, { experiments }) => experiments.tags(experiment),
  runs: (experiment, args, { runs }) => runs.search(experiment, args),
};
