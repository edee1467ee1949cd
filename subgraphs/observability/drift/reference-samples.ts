import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../../lib/database';
import { errors } from '../../../lib/errors';
import type { PlatformClient, PlatformVersion } from './platform-client';
import { driftFeatures, readReferenceRows } from './reference-reader';
import { ReferenceSample } from './reference-sample.entity';

/**
 * Reference samples of versions, computed once per version and kept: `em` is confined to one organization, the
 * client acts as a member of it.
 */
export class ReferenceSamples {
  constructor(
    private readonly em: EntityManager,
    private readonly platform: PlatformClient,
  ) {}

  /** The stored sample (with its columns), or the version's training dataset's, computed now and stored. */
  async forVersion(versionId: string): Promise<ReferenceSample> {
    const stored = await this.stored(versionId);
    if (stored) return stored;
    const version = await this.platform.version(versionId);
    const job = await this.platform.trainingJobOf(version);
    if (!job)
      throw errors.conflict(
        `Version ${version.version} was uploaded, not trained: set its reference sample with setReferenceDataset`,
      );
    return this.store(version, job.dataset.id, 'TRAINING_DATASET');
  }

  /** Makes the dataset the version's reference; BAD_USER_INPUT names the features the dataset lacks. */
  async setFromDataset(versionId: string, datasetId: string): Promise<ReferenceSample> {
    const version = await this.platform.version(versionId);
    return this.store(version, datasetId, 'REFERENCE_DATASET', true);
  }

  private stored(versionId: string): Promise<ReferenceSample | null> {
    return this.em.findOne(ReferenceSample, { versionId }, { populate: ['columns'], refresh: true });
  }

  private async store(
    version: PlatformVersion,
    datasetId: string,
    source: ReferenceSample['source'],
    replace = false,
  ): Promise<ReferenceSample> {
    const dataset = await this.platform.dataset(datasetId);
    if (dataset.status !== 'READY' || !dataset.downloadUrl)
      throw errors.badInput(`Dataset ${datasetId} is ${dataset.status}, not READY`, 'datasetId');
    const columns = new Set(dataset.columns.map((c) => c.name));
    const missing = version.inputSchema.filter((f) => !columns.has(f.name)).map((f) => f.name);
    if (missing.length)
      throw errors.badInput(
        `Dataset ${datasetId} has no column for the features ${missing.map((m) => `"${m}"`).join(', ')}`,
        'datasetId',
        { missingFeatures: missing },
      );
    const rows = await readReferenceRows(
      { url: dataset.downloadUrl, sha256: dataset.sha256 },
      driftFeatures(version.inputSchema),
      version.id,
    );
    const sample = Object.assign(new ReferenceSample(), {
      organizationId: this.platform.caller.organizationId,
      modelId: version.model.id,
      versionId: version.id,
      datasetId,
      source,
      ...rows,
    });
    try {
      await this.em.transactional(async (tx) => {
        if (replace) await tx.nativeDelete(ReferenceSample, { versionId: version.id });
        tx.persist(sample);
      });
    } catch (error) {
      // Another replica computed the same version's sample first: theirs is the same rows.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      return (await this.stored(version.id)) ?? sample;
    }
    return sample;
  }
}
