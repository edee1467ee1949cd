import type { EntityManager } from '../../../lib/database';
import { errors } from '../../../lib/errors';
import type { ArtifactStorage } from '../artifact/artifact-storage';
import { enqueueObjectDeletions } from '../artifact/object-deletions';
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

/** A protobuf message (so an ONNX file) is at most 2 GiB - 1 bytes; it is also the largest GraphQL Int. */
export const MAX_ARTIFACT_BYTES = 2 ** 31 - 1;

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

/** Completes uploads: checks the file a client PUT to S3 and makes the version READY, or INVALID. */
export class ModelVersionUploadService {
  constructor(
    private readonly request: RegistryRequest,
    private readonly versions: ModelVersionService,
    private readonly artifacts: ArtifactStorage,
  ) {}

  /**
   * Streams the file once (size, SHA-256 and the ONNX structure in the same pass) and checks it against the
   * declared input schema and labels. Completing a READY version again returns it unchanged.
   */
  async complete(versionId: string, options: CompleteOptions = {}): Promise<ModelVersion> {
    this.request.writer('model versions');
    const version = await this.versions.get(versionId);
    if (version.status === 'READY') return version;
    if (version.status !== 'PENDING_UPLOAD') throw notPending(version);
    const object = await this.artifacts.stat(version.artifactKey);
    if (!object) {
      throw errors.badInput(
        `Nothing was uploaded for version ${version.version} yet: PUT the file to its upload URL first`,
        'versionId',
      );
    }
    if (object.size > MAX_ARTIFACT_BYTES) {
      return this.refuse(
        version,
        `the file has ${object.size} bytes; an ONNX file has at most ${MAX_ARTIFACT_BYTES}`,
      );
    }
    const checked = await this.check(version);
    if (typeof checked === 'string') return this.refuse(version, checked);

    const now = new Date();
    const ready = await this.request.transaction(async (em) => {
      const repository = new ModelVersionRepository(em);
      const model = await repository.lockModel(version.model.id);
      const current = model && (await repository.lockVersion(version.id));
      if (!model || !current) throw errors.notFound('Model version', versionId);
      // A concurrent completion of the same file got there first.
      if (current.status === 'READY') return current;
      if (current.status !== 'PENDING_UPLOAD') throw notPending(current);
      Object.assign(current, { ...checked, status: 'READY', statusReason: null, updatedAt: now });
      await repository.flush();
      await recomputeLifecycle(repository, model, now);
      await options.alsoInTransaction?.(em);
      return current;
    });
    this.versions.prime([ready]);
    return ready;
  }

  private async check(version: ModelVersion): Promise<CheckedFile | string> {
    const inspection = await inspectOnnxStream(
      await this.artifacts.open(version.artifactKey),
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

  /** Marks the version INVALID and removes its file (queued in the same transaction), then answers BAD_USER_INPUT. */
  private async refuse(version: ModelVersion, reason: string): Promise<never> {
    await this.invalidate(version, reason);
    throw errors.badInput(`The uploaded file was refused: ${reason}`, 'versionId');
  }

  /**
   * Marks a PENDING_UPLOAD version INVALID with the reason and removes its file (queued in the same transaction,
   * so a failed removal is retried by the sweeper). A version in any other status is left as it is.
   */
  async invalidate(version: ModelVersion, reason: string): Promise<void> {
    const now = new Date();
    const deletions = await this.request.transaction(async (em) => {
      const current = await new ModelVersionRepository(em).lockVersion(version.id);
      if (!current || current.status !== 'PENDING_UPLOAD') return [];
      Object.assign(current, { status: 'INVALID', statusReason: reason, updatedAt: now });
      await em.flush();
      return enqueueObjectDeletions(
        em,
        [this.artifacts.deletionOf(current.artifactKey, current.uploadExpiresAt)],
        now,
      );
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
