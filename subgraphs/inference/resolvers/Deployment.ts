import type { DeploymentResolvers } from '../__generated__/resolvers-types';

export const Deployment: DeploymentResolvers = {
  __resolveReference: (reference, { deployments }) => deployments.findById(reference.id),
  model: (deployment) => ({ id: deployment.modelId }),
  version: (deployment) => ({ id: deployment.versionId }),
};
