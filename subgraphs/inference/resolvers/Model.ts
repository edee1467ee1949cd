import type { ModelResolvers } from '../__generated__/resolvers-types';

export const Model: ModelResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  deployment: (model, _args, { deployments }) => deployments.currentForModel(model.id),
};
