import type { ModelResolvers } from '../__generated__/resolvers-types';

export const Model: ModelResolvers = {
  // Batched: a gateway asking for 100 models costs one query (and one more for their tags).
  __resolveReference: (reference, { models }) => models.findById(reference.id),
  tags: (model, _args, { models }) => models.tags(model),
  // Identity owns users and organizations; the gateway resolves these references there.
  owner: (model) => ({ __typename: 'User', id: model.ownerId }),
  organization: (model) => ({ __typename: 'Organization', id: model.organizationId }),
};
