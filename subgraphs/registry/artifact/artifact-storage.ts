import type { Readable } from 'node:stream';
import type { Config } from '../../../lib/config';
import type { Orm } from '../../../lib/database';
import type { Logger } from '../../../lib/logger';
import { buckets, type ObjectStore } from '../../../lib/object-store/object-store';
import { DEFAULT_MAX_STRUCTURE_BYTES } from '../../../ml/onnx-reader/onnx-inspection';
import {
  drainObjectDeletions,
  enqueueObjectDeletions,
  immutableRemoval,
  stagingRemoval,
  type ObjectDeletionRequest,
} from './object-deletions';
import { copyStagedUpload, newImmutableKey, newStagingKey, type StagedCopy } from './staged-upload';

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
  /**
   * The largest ONNX file a version's upload may complete with (MAX_MODEL_UPLOAD_BYTES).
   * @default 2 GiB - 1 byte, the protobuf limit
   */
  maxModelBytes: number;
  /**
   * The largest CSV file a dataset's upload may complete with (MAX_DATASET_UPLOAD_BYTES).
   * @default 1 GiB
   */
  maxDatasetBytes: number;
}

export const defaultArtifactSettings: ArtifactSettings = {
  uploadTtlSeconds: 3600,
  completionGraceSeconds: 900,
  maxStructureBytes: DEFAULT_MAX_STRUCTURE_BYTES,
  maxModelBytes: 2 ** 31 - 1,
  maxDatasetBytes: 1024 ** 3,
};

/** The defaults with the configured upload limits. */
export function artifactSettings(config: Config): ArtifactSettings {
  return {
    ...defaultArtifactSettings,
    maxModelBytes: config.uploads.maxModelBytes,
    maxDatasetBytes: config.uploads.maxDatasetBytes,
  };
}

/** Presigned download URLs last 1 second to 1 hour: a URL handed out lives no longer than that. */
export const MAX_DOWNLOAD_URL_SECONDS = 3600;

/**
 * The registry's ONNX files in the `models` bucket, one process-wide instance. A version's upload goes to a
 * staging key, `staging/<organizationId>/<modelId>/<versionId>/<random>`, and completing it copies the file to
 * an immutable key, `<organizationId>/<modelId>/<versionId>/<random>/model.onnx` (see staged-upload.ts), so an
 * organization's files share a prefix.
 */
export class ArtifactStorage {
  readonly bucket = buckets.models;

  constructor(
    readonly objectStore: ObjectStore,
    private readonly orm: Orm,
    private readonly logger: Logger,
    readonly settings: ArtifactSettings = defaultArtifactSettings,
  ) {}

  stagingKeyFor(organizationId: string, modelId: string, versionId: string): string {
    return newStagingKey(organizationId, modelId, versionId);
  }

  immutableKeyFor(organizationId: string, modelId: string, versionId: string): string {
    return newImmutableKey('model.onnx', organizationId, modelId, versionId);
  }

  /** A PUT URL of a staging key (never of an immutable one), bounded where the store can bound it. */
  uploadUrl(stagingKey: string): Promise<string> {
    return this.objectStore.presignedPutUrl(this.bucket, stagingKey, this.settings.uploadTtlSeconds, {
      maxBytes: this.settings.maxModelBytes,
    });
  }

  downloadUrl(key: string, expiresInSeconds: number): Promise<string> {
    return this.objectStore.presignedGetUrl(this.bucket, key, expiresInSeconds);
  }

  /** Copies a staged upload to its immutable key, within the model size limit. */
  copyStaged(stagingKey: string, immutableKey: string): Promise<StagedCopy> {
    return copyStagedUpload(
      this.objectStore,
      this.bucket,
      stagingKey,
      immutableKey,
      this.settings.maxModelBytes,
    );
  }

  open(key: string): Promise<Readable> {
    return this.objectStore.getObject(this.bucket, key);
  }

  /** The removal of a version's staging object, settled once its upload URL (and the completion grace) ran out. */
  stagingDeletion(key: string, uploadExpiresAt: Date, now: Date): ObjectDeletionRequest {
    const upload = { expiresAt: uploadExpiresAt, graceSeconds: this.settings.completionGraceSeconds };
    return stagingRemoval(this.bucket, key, upload, now);
  }

  /** The removal of a verified file or a completion's copy: no URL writes it, so it is settled at once. */
  immutableDeletion(key: string, now: Date): ObjectDeletionRequest {
    return immutableRemoval(this.bucket, key, now);
  }

  /**
   * Removes objects no row refers to (a completion's copy that was refused or lost to another completion),
   * queued first so that an S3 failure leaves them to the sweeper.
   */
  async discard(bucket: string, keys: readonly string[]): Promise<void> {
    const now = new Date();
    const ids = await this.orm.em.fork().transactional((em) =>
      enqueueObjectDeletions(
        em,
        keys.map((key) => immutableRemoval(bucket, key, now)),
        now,
      ),
    );
    await this.removeNow(ids);
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
