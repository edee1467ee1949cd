import { UniqueConstraintViolationException } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import type { EntityManager } from '../../../lib/database';
import { entityLoader, loadExisting } from '../../../lib/entity-loader';
import { errors } from '../../../lib/errors';
import { newestFirst, readPage, type Page, type PageArguments } from '../../../lib/keyset-page';
import type { ObjectStore } from '../../../lib/object-store/object-store';
import { MAX_DOWNLOAD_URL_SECONDS } from '../artifact/artifact-storage';
import { enqueueObjectDeletions, immutableRemoval, stagingRemoval } from '../artifact/object-deletions';
import { parseDescription, parseName } from '../validation';
import type { RegistryRequest } from '../registry-request';
import type { ReferenceSample } from './csv-profiler';
import { DatasetCompletion, type ObjectRemovals } from './dataset-completion';
import { Dataset, DATASETS_BUCKET, datasetStagingKey } from './dataset.entity';
import { DatasetRepository } from './dataset.repository';

export type { ObjectRemovals };

type Maybe<T> = T | null | undefined;

/** How long a presigned upload URL stays valid. */
export const UPLOAD_URL_TTL_SECONDS = 3600;

/**
 * What deleting a dataset asks of the training jobs (another part of the registry): the unfinished jobs (queued
 * or running) that read it. It is asked inside the transaction that deletes the dataset's row, after the row
 * is locked, so that a job started at the same moment either is seen here or finds the dataset gone.
 */
export interface DatasetUsage {
  unfinishedTrainingJobs(em: EntityManager, datasetId: string): Promise<string[]>;
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
    // The only key a URL may write: completing the upload copies the file to an immutable key.
    dataset.objectKey = datasetStagingKey(caller.organizationId, dataset.id);
    // Signed before the row is written, so that a failure leaves nothing behind; the URL is only handed out
    // once the row is committed.
    const uploadUrl = await this.options.store.presignedPutUrl(
      DATASETS_BUCKET,
      dataset.objectKey,
      UPLOAD_URL_TTL_SECONDS,
      { maxBytes: this.options.removals.settings.maxDatasetBytes },
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
   * Profiles the uploaded file (see DatasetCompletion): READY with its columns, or FAILED (and BAD_USER_INPUT)
   * with what is wrong with it. Without an upload, BAD_USER_INPUT and the dataset stays as it is, so the client
   * can upload and retry. A READY dataset is returned as it is; a FAILED one is profiled again (the client may
   * have PUT a corrected file to the same URL).
   */
  async completeUpload(id: string): Promise<Dataset> {
    this.request.writer('datasets');
    const dataset = await this.get(id);
    if (dataset.status === 'READY') return dataset;
    const { store, removals } = this.options;
    const completed = await new DatasetCompletion(this.repo(), store, removals).complete(dataset);
    this.samples.clear(id);
    return completed;
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
      // A READY dataset's key is immutable (its staging object was queued when it became READY); any other's
      // is the staging key, which its upload URL can write until the URL runs out.
      const upload = {
        expiresAt: dataset.uploadExpiresAt,
        graceSeconds: this.options.removals.settings.completionGraceSeconds,
      };
      const removal =
        dataset.status === 'READY'
          ? immutableRemoval(DATASETS_BUCKET, dataset.objectKey, now)
          : stagingRemoval(DATASETS_BUCKET, dataset.objectKey, upload, now);
      return enqueueObjectDeletions(repository.em, [removal], now);
    });
    this.byId.clear(id);
    await this.options.removals.removeNow(queued);
    return true;
  }

  /** A presigned GET of the profiled (immutable) file; null unless the dataset is READY. */
  async downloadUrl(dataset: Dataset, expiresInSeconds: number): Promise<string | null> {
    if (
      !Number.isInteger(expiresInSeconds) ||
      expiresInSeconds < 1 ||
      expiresInSeconds > MAX_DOWNLOAD_URL_SECONDS
    ) {
      throw errors.badInput(
        `expiresInSeconds must be between 1 and ${MAX_DOWNLOAD_URL_SECONDS}`,
        'expiresInSeconds',
      );
    }
    // Any other status's key is the staging key, which the upload URL writes: never handed out for reading.
    if (dataset.status !== 'READY') return null;
    return this.options.store.presignedGetUrl(DATASETS_BUCKET, dataset.objectKey, expiresInSeconds);
  }

  /** The rows drawn while profiling (batched per request); null unless the dataset is READY. */
  async referenceSample(dataset: Dataset): Promise<ReferenceSample | null> {
    return dataset.status === 'READY' ? this.samples.load(dataset.id) : null;
  }

  private repo(): DatasetRepository {
    this.repository ??= new DatasetRepository(this.request.em());
    return this.repository;
  }
}

function nameTaken(name: string) {
  return errors.conflict(`A dataset named "${name}" already exists in this organization`);
}
