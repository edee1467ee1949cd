import type { Readable } from 'node:stream';
import type { Orm } from '../../../lib/database';
import type { Logger } from '../../../lib/logger';
import { buckets, type ObjectInfo, type ObjectStore } from '../../../lib/object-store/object-store';
import { DEFAULT_MAX_STRUCTURE_BYTES } from '../../../ml/onnx-reader/onnx-inspection';
import { drainObjectDeletions, type ObjectDeletionRequest } from './object-deletions';

export interface ArtifactSettings {
  /**
   * How long a version's presigned PUT URL works.
   * @default 3600
   */
  uploadTtlSeconds: number;
  /**
   * After the URL expires, how long a PUT that started in time may take to finish and be completed; then the
   * sweeper expires the version.
   * @default 900
   */
  completionGraceSeconds: number;
  /**
   * The most bytes of ONNX structure (everything but weights) held to validate an upload.
   * @default 64 MiB
   */
  maxStructureBytes: number;
}

export const defaultArtifactSettings: ArtifactSettings = {
  uploadTtlSeconds: 3600,
  completionGraceSeconds: 900,
  maxStructureBytes: DEFAULT_MAX_STRUCTURE_BYTES,
};

/** Presigned download URLs last 1 second to 1 day. */
export const MAX_DOWNLOAD_URL_SECONDS = 86_400;

/**
 * The registry's ONNX files in the `models` bucket, one process-wide instance. Keys are organization-scoped,
 * `<organizationId>/<modelId>/<versionId>/model.onnx`, so an organization's files share a prefix.
 */
export class ArtifactStorage {
  readonly bucket = buckets.models;

  constructor(
    readonly objectStore: ObjectStore,
    private readonly orm: Orm,
    private readonly logger: Logger,
    readonly settings: ArtifactSettings = defaultArtifactSettings,
  ) {}

  keyFor(organizationId: string, modelId: string, versionId: string): string {
    return `${organizationId}/${modelId}/${versionId}/model.onnx`;
  }

  uploadUrl(key: string): Promise<string> {
    return this.objectStore.presignedPutUrl(this.bucket, key, this.settings.uploadTtlSeconds);
  }

  downloadUrl(key: string, expiresInSeconds: number): Promise<string> {
    return this.objectStore.presignedGetUrl(this.bucket, key, expiresInSeconds);
  }

  stat(key: string): Promise<ObjectInfo | undefined> {
    return this.objectStore.statObject(this.bucket, key);
  }

  open(key: string): Promise<Readable> {
    return this.objectStore.getObject(this.bucket, key);
  }

  /** A deletion of a version's file, settled once its upload URL (and the completion grace) has run out. */
  deletionOf(key: string, uploadExpiresAt: Date): ObjectDeletionRequest {
    const settleAt = new Date(uploadExpiresAt.getTime() + this.settings.completionGraceSeconds * 1000);
    return { bucket: this.bucket, key, settleAt };
  }

  /**
   * Removes the objects of outbox rows just committed. Never throws: what fails stays in the outbox, and the
   * sweeper retries it.
   */
  async removeNow(deletionIds: readonly string[]): Promise<void> {
    try {
      await drainObjectDeletions(this.orm.em.fork(), this.objectStore, this.logger, {
        now: new Date(),
        ids: deletionIds,
      });
    } catch (error) {
      this.logger.warn({ err: error }, 'could not remove objects now; the sweeper will');
    }
  }
}
