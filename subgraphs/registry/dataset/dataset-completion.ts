import { errors } from '../../../lib/errors';
import type { ObjectStore } from '../../../lib/object-store/object-store';
import { hashWhileReading } from '../../../lib/sha256-stream';
import { enqueueObjectDeletions, immutableRemoval, stagingRemoval } from '../artifact/object-deletions';
import { copyStagedUpload, tooLargeReason } from '../artifact/staged-upload';
import { CsvFormatError, profileCsv, type DatasetProfile } from './csv-profiler';
import type { Dataset } from './dataset.entity';
import { DATASETS_BUCKET, datasetImmutableKey } from './dataset.entity';
import type { DatasetRepository } from './dataset.repository';

/** The registry's queue of object removals (artifact/object-deletions.ts), as ArtifactStorage offers it. */
export interface ObjectRemovals {
  readonly settings: { completionGraceSeconds: number; maxDatasetBytes: number };
  /** Removes the objects of outbox rows just committed; what fails stays queued for the sweeper. */
  removeNow(deletionIds: readonly string[]): Promise<void>;
  /** Queues and removes objects no row refers to. */
  discard(bucket: string, keys: readonly string[]): Promise<void>;
}

/** The keys of one completion: the staged upload, and the copy it profiles. */
interface Keys {
  staging: string;
  copy: string;
}

interface ProfiledCopy {
  profile: DatasetProfile;
  sha256: string;
}

/**
 * Completes a dataset's upload, staging → verified → immutable (see artifact/staged-upload.ts): copies the
 * staged CSV to a key of its own, profiles that copy while hashing it, and makes the dataset READY with the key,
 * size and SHA-256; or FAILED with what is wrong with the file, its staging object removed at once (the client
 * may PUT a corrected file to the same URL and complete again).
 */
export class DatasetCompletion {
  constructor(
    private readonly repository: DatasetRepository,
    private readonly store: ObjectStore,
    private readonly removals: ObjectRemovals,
  ) {}

  /** The dataset as stored afterwards, or BAD_USER_INPUT saying why not. */
  async complete(dataset: Dataset): Promise<Dataset> {
    const maxBytes = this.removals.settings.maxDatasetBytes;
    // Read before any reload: the loaded entity is refreshed when the dataset becomes READY.
    const keys = {
      staging: dataset.objectKey,
      copy: datasetImmutableKey(dataset.organizationId, dataset.id),
    };
    const copy = await copyStagedUpload(this.store, DATASETS_BUCKET, keys.staging, keys.copy, maxBytes);
    if (copy.status === 'missing') {
      throw errors.badInput(
        `Nothing has been uploaded for dataset "${dataset.name}": PUT the CSV file to its upload URL first`,
        'datasetId',
      );
    }
    // Not recorded as sizeBytes: it may not fit the column (or GraphQL's Int).
    if (copy.status === 'tooLarge')
      return this.fail(dataset, keys, null, tooLargeReason(copy.sizeBytes, maxBytes));
    let profiled: ProfiledCopy | CsvFormatError;
    let ready: Dataset;
    try {
      profiled = await this.profile(dataset, keys.copy);
      if (!(profiled instanceof CsvFormatError)) ready = await this.makeReady(dataset, keys, profiled);
    } catch (error) {
      // S3 or the database failed, or the dataset was deleted meanwhile: no row keeps the copy.
      await this.removals.discard(DATASETS_BUCKET, [keys.copy]);
      throw error;
    }
    if (profiled instanceof CsvFormatError) return this.fail(dataset, keys, copy.sizeBytes, profiled.message);
    return ready!;
  }

  private async profile(dataset: Dataset, key: string): Promise<ProfiledCopy | CsvFormatError> {
    const source = hashWhileReading(await this.store.getObject(DATASETS_BUCKET, key));
    try {
      const profile = await profileCsv(source.chunks, { seed: dataset.id });
      return { profile, sha256: source.sha256() };
    } catch (error) {
      if (error instanceof CsvFormatError) return error;
      throw error;
    }
  }

  /** READY with the copy, the staging object's removal queued in the same transaction; a concurrent win kept. */
  private async makeReady(dataset: Dataset, keys: Keys, profiled: ProfiledCopy): Promise<Dataset> {
    const now = new Date();
    const { profile } = profiled;
    const { current, deletions } = await this.repository.transactional(async (repository) => {
      const recorded = await repository.recordProfile(dataset.id, {
        status: 'READY',
        error: null,
        objectKey: keys.copy,
        sizeBytes: profile.bytes,
        sha256: profiled.sha256,
        rowCount: profile.rowCount,
        columns: profile.columns,
        referenceSample: profile.sample,
        profiledAt: now,
      });
      const stored = await repository.reload(dataset.id);
      if (!stored) throw errors.notFound('Dataset', dataset.id);
      if (!recorded) return { current: stored, deletions: [] };
      const staging = stagingRemoval(DATASETS_BUCKET, keys.staging, this.upload(dataset), now);
      return { current: stored, deletions: await enqueueObjectDeletions(repository.em, [staging], now) };
    });
    await this.removals.removeNow(deletions);
    if (current.objectKey !== keys.copy) await this.removals.discard(DATASETS_BUCKET, [keys.copy]);
    return current;
  }

  /** FAILED with the reason; the copy and the staging object are removed. Answers BAD_USER_INPUT. */
  private async fail(dataset: Dataset, keys: Keys, sizeBytes: number | null, reason: string): Promise<never> {
    const now = new Date();
    const { gone, deletions } = await this.repository.transactional(async (repository) => {
      const recorded = await repository.recordProfile(dataset.id, {
        status: 'FAILED',
        error: reason,
        sizeBytes,
        sha256: null,
        rowCount: null,
        columns: [],
        referenceSample: null,
        profiledAt: now,
      });
      const removals = [immutableRemoval(DATASETS_BUCKET, keys.copy, now)];
      // Not recorded: deleted, or completed by another call meanwhile; either queued the staging object.
      if (recorded) removals.push(stagingRemoval(DATASETS_BUCKET, keys.staging, this.upload(dataset), now));
      const gone = !recorded && !(await repository.reload(dataset.id));
      return { gone, deletions: await enqueueObjectDeletions(repository.em, removals, now) };
    });
    await this.removals.removeNow(deletions);
    if (gone) throw errors.notFound('Dataset', dataset.id);
    throw errors.badInput(`Dataset "${dataset.name}" is not a usable CSV file: ${reason}`, 'datasetId');
  }

  private upload(dataset: Dataset) {
    return {
      expiresAt: dataset.uploadExpiresAt,
      graceSeconds: this.removals.settings.completionGraceSeconds,
    };
  }
}
