import type { ArtifactResolvers } from '../__generated__/resolvers-types';

// Resolved only for READY versions, which have a size and a hash.
export const Artifact: ArtifactResolvers = {
  key: (version) => version.artifactKey,
  sizeBytes: (version) => version.sizeBytes!,
  sha256: (version) => version.sha256!,
  downloadUrl: (version, { expiresInSeconds }, { versions }) =>
    versions.downloadUrl(version, expiresInSeconds ?? 300),
};
