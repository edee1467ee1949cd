import type { RunResolvers } from '../__generated__/resolvers-types';

export const Run: RunResolvers = {
  // Batched: 100 references cost one query, and each of experiment, params and metrics one more.
  __resolveReference: (reference, { runs }) => runs.findById(reference.id),
  experiment: (run, _args, { runs }) => runs.experiment(run),
  params: (run, _args, { runs }) => runs.params(run),
  metrics: (run, _args, { metrics }) => metrics.latest(run),
  metricHistory: (run, { key }, { metrics }) => metrics.historyOf(run, key),
  modelVersions: (run, _args, { versions }) => versions.producedBy(run.id),
};
