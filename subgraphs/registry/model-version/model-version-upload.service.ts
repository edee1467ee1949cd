import type { EntityManager } from '../../../lib/database';
import { errors } from '../../../lib/errors';
import type { ArtifactStorage } from '../artifact/artifact-storage';
import { enqueueObjectDeletions } from '../artifact/object-deletions';
import { tooLargeReason } from '../artifact/staged-upload';
import { inspectOnnxStream } from '../../../ml/onnx-reader/onnx-inspection';
import type { OnnxModelInfo } from '../../../ml/onnx-reader/onnx-model-info';
import {
  checkInputSchema,
  resolveOutputLabels,
  SignatureMismatchError,
} from '../../../ml/onnx-reader/onnx-signature';
import type { RegistryRequest } from '../registry-request';
import { recomputeLifecycle } from './lifecycle';
import type { ModelVersion } from './model-version.entity';
import { ModelVersionRepository } from './model-version.repository';
import type { ModelVersionService } from './model-version.service';

interface CheckedFile {
  sizeBytes: number;
  sha256: string;
  onnx: OnnxModelInfo;
  outputLabels: string[] | null;
}

export interface CompleteOptions {
  /**
   * Runs in the transaction that makes the version READY; throwing rolls it back (the version stays
   * PENDING_UPLOAD). A training job becomes SUCCEEDED here, so a version is READY exactly when its job succeeded.
   */
  alsoInTransaction?: (em: EntityManager) => Promise<void>;
}

/**
 * Completes uploads: copies the file a client PUT to the staging key to an immutable key, checks that copy and
 * makes the version READY with it, or INVALID (see artifact/staged-upload.ts).
 */
export class ModelVersionUploadService {
  constructor(
    private readonly request: RegistryRequest,
    private readonly versions: ModelVersionService,
    private readonly artifacts: ArtifactStorage,
  ) {}

  /**
   * Streams the copy once (size, SHA-256 and the ONNX structure in the same pass) and checks it against the
   * declared input schema and labels. Completing a READY version again returns it unchanged.
   */
  async complete(versionId: string, options: CompleteOptions = {}): Promise<ModelVersion> {
    this.request.writer('model versions');
    const version = await this.versions.get(versionId);
    if (version.status === 'READY') return version;
    if (version.status !== 'PENDING_UPLOAD') throw notPending(version);
    const { organizationId, model } = version;
    const immutableKey = this.artifacts.immutableKeyFor(organizationId, model.id, version.id);
    const copy = await this.artifacts.copyStaged(version.artifactKey, immutableKey);
    if (copy.status === 'missing') {
      throw errors.badInput(
        `Nothing was uploaded for version ${version.version} yet: PUT the file to its upload URL first`,
        'versionId',
      );
    }
    if (copy.status === 'tooLarge') {
      const reason = tooLargeReason(copy.sizeBytes, this.artifacts.settings.maxModelBytes);
      return this.refuse(version, reason, immutableKey);
    }
    let checked: CheckedFile | string;
    let ready: ModelVersion;
    try {
      checked = await this.check(version, immutableKey);
      if (typeof checked !== 'string') {
        ready = await this.makeReady(version, { ...checked, artifactKey: immutableKey }, options);
      }
    } catch (error) {
      // S3 or the database failed, or the version was deleted or ended meanwhile: no row keeps the copy.
      await this.artifacts.discard(this.artifacts.bucket, [immutableKey]);
      throw error;
    }
    return typeof checked === 'string' ? this.refuse(version, checked, immutableKey) : ready!;
  }

  /**
   * Records the checked copy and makes the version READY, queueing the staging object's removal in the same
   * transaction. A concurrent completion that committed first wins: this one's copy is removed.
   */
  private async makeReady(
    version: ModelVersion,
    checked: CheckedFile & { artifactKey: string },
    options: CompleteOptions,
  ): Promise<ModelVersion> {
    const now = new Date();
    const { current, deletions } = await this.request.transaction(async (em) => {
      const repository = new ModelVersionRepository(em);
      const model = await repository.lockModel(version.model.id);
      const locked = model && (await repository.lockVersion(version.id));
      if (!model || !locked) throw errors.notFound('Model version', version.id);
      if (locked.status === 'READY') return { current: locked, deletions: [] };
      if (locked.status !== 'PENDING_UPLOAD') throw notPending(locked);
      const staging = this.artifacts.stagingDeletion(locked.artifactKey, locked.uploadExpiresAt, now);
      Object.assign(locked, { ...checked, status: 'READY', statusReason: null, updatedAt: now });
      await repository.flush();
      await recomputeLifecycle(repository, model, now);
      await options.alsoInTransaction?.(em);
      return { current: locked, deletions: await enqueueObjectDeletions(em, [staging], now) };
    });
    await this.artifacts.removeNow(deletions);
    if (current.artifactKey !== checked.artifactKey) {
      await this.artifacts.discard(this.artifacts.bucket, [checked.artifactKey]);
    }
    this.versions.prime([current]);
    return current;
  }

  private async check(version: ModelVersion, key: string): Promise<CheckedFile | string> {
    const inspection = await inspectOnnxStream(
      await this.artifacts.open(key),
      this.artifacts.settings.maxStructureBytes,
    );
    if (!inspection.valid) return inspection.reason;
    const { info, classLabels } = inspection.model;
    try {
      checkInputSchema(info, version.inputSchema);
      const outputLabels = resolveOutputLabels(info, classLabels, version.outputLabels);
      return { sizeBytes: inspection.sizeBytes, sha256: inspection.sha256, onnx: info, outputLabels };
    } catch (error) {
      if (error instanceof SignatureMismatchError) return error.message;
      throw error;
    }
  }

  /** Marks the version INVALID and removes its files (queued in the same transaction), then answers BAD_USER_INPUT. */
  private async refuse(version: ModelVersion, reason: string, copyKey: string): Promise<never> {
    await this.invalidate(version, reason, [copyKey]);
    throw errors.badInput(`The uploaded file was refused: ${reason}`, 'versionId');
  }

  /**
   * Marks a PENDING_UPLOAD version INVALID with the reason and removes its staging object at once (queued in the
   * same transaction, so a failed removal is retried by the sweeper; removed once more when its URL has expired).
   * A version in any other status is left as it is. `copies` are immutable keys of this completion, which no
   * row refers to: removed whatever the status.
   */
  async invalidate(version: ModelVersion, reason: string, copies: readonly string[] = []): Promise<void> {
    const now = new Date();
    const deletions = await this.request.transaction(async (em) => {
      const removals = copies.map((key) => this.artifacts.immutableDeletion(key, now));
      const current = await new ModelVersionRepository(em).lockVersion(version.id);
      if (current?.status === 'PENDING_UPLOAD') {
        Object.assign(current, { status: 'INVALID', statusReason: reason, updatedAt: now });
        await em.flush();
        removals.push(this.artifacts.stagingDeletion(current.artifactKey, current.uploadExpiresAt, now));
      }
      return enqueueObjectDeletions(em, removals, now);
    });
    await this.artifacts.removeNow(deletions);
  }
}

function notPending(version: ModelVersion) {
  return errors.conflict(
    `Version ${version.version} is ${version.status}${version.statusReason ? ` (${version.statusReason})` : ''}; ` +
      'create a new version to upload a file',
  );
}
