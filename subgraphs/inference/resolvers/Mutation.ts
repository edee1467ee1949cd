import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  deployModel: (_root, { modelId, versionId, cacheTtlSeconds, wait }, { rollouts }) =>
    rollouts.deploy(modelId, versionId, cacheTtlSeconds, wait !== false),
  undeployModel: (_root, { deploymentId }, { rollouts }) => rollouts.undeploy(deploymentId),
  predict: (_root, { modelId, input }, { predictions }) => predictions.predict(modelId, input),
  predictBatch: (_root, { modelId, inputs }, { predictions }) => predictions.predictBatch(modelId, inputs),
};
