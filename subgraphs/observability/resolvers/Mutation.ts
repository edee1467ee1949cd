import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  setDriftPolicy: (_root, { modelId, input }, { driftPolicies }) => driftPolicies.set(modelId, input),
  setReferenceDataset: (_root, { versionId, datasetId }, { references }) =>
    references.setFromDataset(versionId, datasetId),
  computeDrift: (_root, { modelId }, { driftReports }) => driftReports.compute(modelId),
};
