import type { ModelVersionResolvers } from '../__generated__/resolvers-types';

export const ModelVersion: ModelVersionResolvers = {
  __resolveReference: (reference, { versions }) => versions.findById(reference.id),
  model: (version, _args, { versions }) => versions.model(version),
  artifact: (version) => (version.status === 'READY' ? version : null),
  onnx: (version) => (version.status === 'READY' ? version.onnx : null),
  tags: (version, _args, { versions }) => versions.tags(version),
  aliases: (version, _args, { versions }) => versions.aliasNames(version),
  run: (version, _args, { runs }) => (version.runId ? runs.findById(version.runId) : null),
  referenceDistribution: (version, _args, { versions }) => versions.referenceDistribution(version),
};
