import type { ModelResolvers } from '../__generated__/resolvers-types';

export const Model: ModelResolvers = {
  // Batched: a gateway asking for 100 models costs one query (and one more for their tags).
  __resolveReference: (reference, { models }) => models.findById(reference.id),
  tags: (model, _args, { models }) => models.tags(model),
  // Identity owns users and organizations; the gateway resolves these references there.
  owner: (model) => ({ __typename: 'User', id: model.ownerId }),
  organization: (model) => ({ __typename: 'Organization', id: model.organizationId }),
  // Each batched over the models of a request: one query per field, however many models are listed.
  versions: (model, _args, { versions }) => versions.versionsOf(model),
  latestVersion: (model, _args, { versions }) => versions.latestOf(model),
  productionVersion: (model, _args, { versions }) => versions.productionOf(model),
  alias: (model, { name }, { versions }) => versions.alias(model, name),
  aliases: (model, _args, { versions }) => versions.aliasesOf(model),
};
