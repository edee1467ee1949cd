import { UniqueConstraintViolationException } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import type { EntityManager } from '../../../lib/database';
import { entityLoader, loadExisting } from '../../../lib/entity-loader';
import { errors } from '../../../lib/errors';
import { newestFirst, readPage, type Page, type PageArguments } from '../../../lib/keyset-page';
import type { ObjectStore } from '../../../lib/object-store/object-store';
import { enqueueObjectDeletions } from '../artifact/object-deletions';
import { parseDescription, parseName } from '../validation';
import type { RegistryRequest } from '../registry-request';
import { CsvFormatError, profileCsv, type ReferenceSample } from './csv-profiler';
import { Dataset, DATASETS_BUCKET, datasetObjectKey } from './dataset.entity';
import { DatasetRepository } from './dataset.repository';

type Maybe<T> = T | null | undefined;

/** How long a presigned upload URL stays valid. */
export const UPLOAD_URL_TTL_SECONDS = 3600;
/** Longest validity a client may ask of a download URL. */
export const MAX_DOWNLOAD_URL_TTL_SECONDS = 3600;
/** Larger files are refused: profiling streams, but a request should not run for minutes. */
export const MAX_DATASET_BYTES = 1024 * 1024 * 1024;

/**
 * What deleting a dataset asks of the training jobs (another part of the registry): the unfinished jobs (queued
 * or running) that read it. It is asked inside the transaction that deletes the dataset's row, after the row
 * is locked, so that a job started at the same moment either is seen here or finds the dataset gone.
 */
export interface DatasetUsage {
  unfinishedTrainingJobs(em: EntityManager, datasetId: string): Promise<string[]>;
}

/** The registry's queue of object removals (artifact/object-deletions.ts), as ArtifactStorage offers it. */
export interface ObjectRemovals {
  readonly settings: { completionGraceSeconds: number };
  /** Removes the objects of outbox rows just committed; what fails stays queued for the sweeper. */
  removeNow(deletionIds: readonly string[]): Promise<void>;
}

export interface DatasetServiceOptions {
  store: ObjectStore;
  removals: ObjectRemovals;
  usage: DatasetUsage;
}

export interface DatasetUpload {
  dataset: Dataset;
  uploadUrl: string;
  uploadExpiresAt: Date;
}

export type DatasetPage = Page<Dataset>;

/**
 * Datasets for one request, in the caller's organization: who may write, unique names, the upload flow
 * (create → PUT to S3 → complete, which profiles the file) and deletion of the row and then its objects.
 */
export class DatasetService {
  private repository?: DatasetRepository;
  private readonly byId = entityLoader((ids) => this.repo().findByIds(ids));
  private readonly samples = new DataLoader<string, ReferenceSample | null>(async (ids) => {
    const samples = await this.repo().samplesOf(ids);
    return ids.map((id) => samples.get(id) ?? null);
  });

  constructor(
    private readonly request: RegistryRequest,
    private readonly options: DatasetServiceOptions,
  ) {}

  /** The dataset, or null when the caller's organization has none with this id (batched per request). */
  findById(id: string): Promise<Dataset | null> {
    return this.byId.load(id);
  }

  get(id: string): Promise<Dataset> {
    return loadExisting(this.byId, 'Dataset', id);
  }

  async list(args: PageArguments): Promise<DatasetPage> {
    return readPage(args, newestFirst, this.repo(), this.byId);
  }

  async create(input: { name: string; description?: Maybe<string> }): Promise<DatasetUpload> {
    const caller = this.request.writer('datasets');
    const name = parseName(input.name, 'input.name');
    const description = parseDescription(input.description, 'input.description');
    if (await this.repo().findByName(name)) throw nameTaken(name);
    const dataset = Object.assign(new Dataset(), {
      organizationId: caller.organizationId,
      ownerId: caller.userId,
      name,
      description,
      uploadExpiresAt: new Date(Date.now() + UPLOAD_URL_TTL_SECONDS * 1000),
    });
    dataset.objectKey = datasetObjectKey(caller.organizationId, dataset.id);
    // Signed before the row is written, so that a failure leaves nothing behind; the URL is only handed out
    // once the row is committed (see sweepOrphanedDatasetObjects).
    const uploadUrl = await this.options.store.presignedPutUrl(
      DATASETS_BUCKET,
      dataset.objectKey,
      UPLOAD_URL_TTL_SECONDS,
    );
    try {
      await this.repo().transactional((repository) => repository.insert(dataset));
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw nameTaken(name);
      throw error;
    }
    this.byId.prime(dataset.id, dataset);
    return { dataset, uploadUrl, uploadExpiresAt: dataset.uploadExpiresAt };
  }

  /**
   * Profiles the uploaded file: READY with its columns, or FAILED (and BAD_USER_INPUT) with what is wrong with
   * it. Without an upload, BAD_USER_INPUT and the dataset stays PENDING, so the client can upload and retry. A
   * READY dataset is returned as it is; a FAILED one is profiled again (the file may have been replaced).
   */
  async completeUpload(id: string): Promise<Dataset> {
    this.request.writer('datasets');
    const dataset = await this.get(id);
    if (dataset.status === 'READY') return dataset;
    const store = this.options.store;
    const object = await store.statObject(DATASETS_BUCKET, dataset.objectKey);
    if (!object) {
      throw errors.badInput(
        `Nothing has been uploaded for dataset "${dataset.name}": PUT the CSV file to its upload URL first`,
        'datasetId',
      );
    }
    if (object.size > MAX_DATASET_BYTES) {
      // Not recorded as sizeBytes: past 2 GiB it would not fit the column (or GraphQL's Int).
      return this.fail(
        dataset,
        null,
        `the file is ${object.size} bytes; at most ${MAX_DATASET_BYTES} are accepted`,
      );
    }
    let result;
    try {
      result = await profileCsv(await store.getObject(DATASETS_BUCKET, dataset.objectKey), {
        seed: dataset.id,
      });
    } catch (error) {
      if (error instanceof CsvFormatError) return this.fail(dataset, object.size, error.message);
      throw error;
    }
    const stored = await this.repo().recordProfile(dataset, {
      status: 'READY',
      error: null,
      sizeBytes: result.bytes,
      rowCount: result.rowCount,
      columns: result.columns,
      referenceSample: result.sample,
      profiledAt: new Date(),
    });
    if (!stored) throw errors.notFound('Dataset', id);
    this.samples.prime(id, result.sample);
    return stored;
  }

  /**
   * Deletes the row and queues the removal of the file in the same transaction, then removes it: an S3 failure
   * leaves the removal queued for the sweeper, never an orphan.
   */
  async delete(id: string): Promise<boolean> {
    this.request.writer('datasets');
    const dataset = await this.get(id);
    const now = new Date();
    const queued = await this.repo().transactional(async (repository) => {
      if (!(await repository.delete(dataset.id))) throw errors.notFound('Dataset', id);
      const jobs = await this.options.usage.unfinishedTrainingJobs(repository.em, dataset.id);
      if (jobs.length > 0) {
        throw errors.conflict(
          `Dataset "${dataset.name}" is used by unfinished training jobs (${jobs.join(', ')}); cancel them or let them finish first`,
        );
      }
      // A PUT through the upload URL can recreate the file until the URL runs out (and a started upload ends):
      // the file is removed once more after that.
      const grace = this.options.removals.settings.completionGraceSeconds * 1000;
      const settleAt = new Date(Math.max(now.getTime(), dataset.uploadExpiresAt.getTime() + grace));
      return enqueueObjectDeletions(
        repository.em,
        [{ bucket: DATASETS_BUCKET, key: dataset.objectKey, settleAt }],
        now,
      );
    });
    this.byId.clear(id);
    await this.options.removals.removeNow(queued);
    return true;
  }

  /** A presigned GET of the file, once one was uploaded and completed; null while the dataset is PENDING. */
  async downloadUrl(dataset: Dataset, expiresInSeconds: number): Promise<string | null> {
    if (
      !Number.isInteger(expiresInSeconds) ||
      expiresInSeconds < 1 ||
      expiresInSeconds > MAX_DOWNLOAD_URL_TTL_SECONDS
    ) {
      throw errors.badInput(
        `expiresInSeconds must be between 1 and ${MAX_DOWNLOAD_URL_TTL_SECONDS}`,
        'expiresInSeconds',
      );
    }
    if (dataset.status === 'PENDING') return null;
    return this.options.store.presignedGetUrl(DATASETS_BUCKET, dataset.objectKey, expiresInSeconds);
  }

  /** The rows drawn while profiling (batched per request); null unless the dataset is READY. */
  async referenceSample(dataset: Dataset): Promise<ReferenceSample | null> {
    return dataset.status === 'READY' ? this.samples.load(dataset.id) : null;
  }

  private async fail(dataset: Dataset, sizeBytes: number | null, reason: string): Promise<never> {
    const stored = await this.repo().recordProfile(dataset, {
      status: 'FAILED',
      error: reason,
      sizeBytes,
      rowCount: null,
      columns: [],
      referenceSample: null,
      profiledAt: new Date(),
    });
    if (!stored) throw errors.notFound('Dataset', dataset.id);
    throw errors.badInput(`Dataset "${dataset.name}" is not a usable CSV file: ${reason}`, 'datasetId');
  }

  private repo(): DatasetRepository {
    this.repository ??= new DatasetRepository(this.request.em());
    return this.repository;
  }
}

function nameTaken(name: string) {
  return errors.conflict(`A dataset named "${name}" already exists in this organization`);
}
