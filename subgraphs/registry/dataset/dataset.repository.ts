import { LockMode, type EntityData } from '@mikro-orm/core';
import { findLocked } from '../../../lib/database';
import { OrganizationRepository } from '../../../lib/organization-repository';
import { UPLOAD_EXPIRED, type SqlDate } from '../artifact/upload-expiry';
import { Dataset } from './dataset.entity';
import type { KeysetCursor } from '../../../lib/keyset-page';
import { findNewestFirst } from '../../../lib/keyset-query';

/** The outcome of profiling, written in one statement. */
export type ProfileResult = Pick<
  EntityData<Dataset>,
  | 'status'
  | 'error'
  | 'objectKey'
  | 'sizeBytes'
  | 'sha256'
  | 'rowCount'
  | 'columns'
  | 'referenceSample'
  | 'profiledAt'
>;

/**
 * Dataset queries. The EntityManager it is given is confined to one organization by the `organization` filter,
 * so every query here is too.
 */
export class DatasetRepository extends OrganizationRepository<Dataset> {
  protected readonly entity = Dataset;

  /**
   * Every organization's datasets whose upload never came by `cutoff` become FAILED with the reason, claimed by
   * one `update … returning` as versions are (see ModelVersionRepository.expireUnfinishedUploads). Not scoped.
   */
  async failUnfinishedUploads(
    cutoff: Date,
    now: Date,
  ): Promise<{ objectKey: string; uploadExpiresAt: Date }[]> {
    // eslint-disable-next-line no-restricted-syntax
    const rows: { object_key: string; upload_expires_at: SqlDate }[] = await this.em
      .createQueryBuilder(Dataset)
      .update({ status: 'FAILED', error: UPLOAD_EXPIRED, updatedAt: now })
      .where({ status: 'PENDING', uploadExpiresAt: { $lt: cutoff } })
      .returning(['objectKey', 'uploadExpiresAt'])
      .execute('all', false);
    return rows.map((row) => ({
      objectKey: row.object_key,
      uploadExpiresAt: new Date(row.upload_expires_at),
    }));
  }

  findByName(name: string): Promise<Dataset | null> {
    return this.em.findOne(Dataset, { name });
  }

  /** Up to `limit` datasets after the cursor, newest first, the id breaking ties. */
  findPage(limit: number, after?: KeysetCursor): Promise<Dataset[]> {
    return findNewestFirst(this.em, Dataset, {}, limit, after);
  }

  count(): Promise<number> {
    return this.em.count(Dataset, {});
  }

  /** The reference samples of the given datasets, keyed by id (the column is lazy: loaded only here). */
  async samplesOf(ids: readonly string[]): Promise<Map<string, Dataset['referenceSample']>> {
    const rows = await this.em.find(
      Dataset,
      { id: { $in: [...ids] } },
      { fields: ['id', 'referenceSample'], disableIdentityMap: true },
    );
    return new Map(rows.map((row) => [row.id, row.referenceSample]));
  }

  /**
   * The dataset as committed, share-locked until the transaction ends (PostgreSQL; SQLite serializes writers
   * anyway): a deletion waits for the transaction, or the dataset is already gone (null).
   */
  shareLock(id: string): Promise<Dataset | null> {
    return findLocked(this.em, Dataset, id, LockMode.PESSIMISTIC_READ);
  }

  async insert(dataset: Dataset): Promise<void> {
    this.em.persist(dataset);
    await this.em.flush();
  }

  /**
   * Records the outcome of profiling unless the dataset is READY, and returns whether it did. A statement rather
   * than a flush of the loaded entity, so that a concurrent delete or completion is noticed (no row updated)
   * instead of overwritten.
   */
  async recordProfile(id: string, result: ProfileResult): Promise<boolean> {
    const updated = await this.em.nativeUpdate(
      Dataset,
      { id, status: { $ne: 'READY' } },
      { ...result, updatedAt: new Date() },
    );
    return updated > 0;
  }

  /** The dataset as committed (over what this request loaded), or null when it is gone. */
  reload(id: string): Promise<Dataset | null> {
    return this.em.findOne(Dataset, { id }, { refresh: true });
  }

  /** Deletes the row; false when there was none. In a transaction, the row stays locked until the end. */
  async delete(id: string): Promise<boolean> {
    return (await this.em.nativeDelete(Dataset, { id })) > 0;
  }
}
