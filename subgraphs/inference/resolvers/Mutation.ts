import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  deployModel: (_root, { modelId, versionId, cacheTtlSeconds }, { rollouts }) =>
    rollouts.deploy(modelId, versionId, cacheTtlSeconds),
  undeployModel: (_root, { deploymentId }, { rollouts }) => rollouts.undeploy(deploymentId),
  predict: (_root, { modelId, input }, { predictions }) => predictions.predict(modelId, input),
  predictBatch: (_root, { modelId, inputs }, { predictions }) => predictions.predictBatch(modelId, inputs),
};
