import type { DatasetResolvers } from '../__generated__/resolvers-types';

export const Dataset: DatasetResolvers = {
  // Batched: a gateway asking for 100 datasets costs one query.
  __resolveReference: (reference, { datasets }) => datasets.findById(reference.id),
  downloadUrl: (dataset, { expiresInSeconds }, { datasets }) =>
    datasets.downloadUrl(dataset, expiresInSeconds ?? 300),
  referenceSample: (dataset, _args, { datasets }) => datasets.referenceSample(dataset),
  // Identity owns users and organizations; the gateway resolves these references there.
  owner: (dataset) => ({ __typename: 'User', id: dataset.ownerId }),
  organization: (dataset) => ({ __typename: 'Organization', id: dataset.organizationId }),
};
