import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  createModel: (_root, { input }, { models }) => models.create(input),
  updateModel: (_root, { id, input }, { models }) => models.update(id, input),
  deleteModel: (_root, { id }, { models }) => models.delete(id),
  createModelVersion: (_root, { modelId, input }, { versions }) => versions.create(modelId, input),
  completeModelVersionUpload: (_root, { versionId }, { uploads }) => uploads.complete(versionId),
  transitionModelVersionStage: (_root, { versionId, stage }, { stages }) =>
    stages.transition(versionId, stage),
  updateModelVersion: (_root, { id, input }, { versions }) => versions.update(id, input),
  setModelAlias: (_root, { modelId, alias, versionId }, { stages }) =>
    stages.setAlias(modelId, alias, versionId),
  deleteModelAlias: (_root, { modelId, alias }, { stages }) => stages.deleteAlias(modelId, alias),
};
