import { LockMode } from '@mikro-orm/core';
import { raw } from '@mikro-orm/knex';
import { findLocked, rowLock } from '../../../lib/database';
import { OrganizationRepository } from '../../../lib/organization-repository';
import { Model, type Lifecycle } from '../model/model.entity';
import { ModelAlias } from './model-alias.entity';
import { tagsOf } from '../tags';
import { ModelVersion, ModelVersionCounter, ModelVersionTag } from './model-version.entity';
import { UPLOAD_EXPIRED, type SqlDate } from '../artifact/upload-expiry';

/**
 * Version, tag and alias queries. The EntityManager is confined to one organization by the `organization` filter
 * (on models and versions); tags, aliases and counters are only read or written for models and versions loaded
 * through it.
 */
export class ModelVersionRepository extends OrganizationRepository<ModelVersion> {
  protected readonly entity = ModelVersion;

  /**
   * Every organization's uploads not completed by `cutoff` become EXPIRED, claimed by one
   * `update … returning`, so that replicas sweeping at once each claim different rows and a completion holding
   * the row lock wins or loses cleanly. Not scoped: the sweeper works for every organization and reads nothing
   * for a caller.
   */
  async expireUnfinishedUploads(
    cutoff: Date,
    now: Date,
  ): Promise<{ artifactKey: string; uploadExpiresAt: Date }[]> {
    // eslint-disable-next-line no-restricted-syntax
    const rows: { artifact_key: string; upload_expires_at: SqlDate }[] = await this.em
      .createQueryBuilder(ModelVersion)
      .update({ status: 'EXPIRED', statusReason: UPLOAD_EXPIRED, updatedAt: now })
      .where({ status: 'PENDING_UPLOAD', uploadExpiresAt: { $lt: cutoff } })
      .returning(['artifactKey', 'uploadExpiresAt'])
      .execute('all', false);
    return rows.map((row) => ({
      artifactKey: row.artifact_key,
      uploadExpiresAt: new Date(row.upload_expires_at),
    }));
  }

  /** Every version of the models, newest first. */
  findByRuns(runIds: readonly string[]): Promise<ModelVersion[]> {
    return this.em.find(
      ModelVersion,
      { runId: { $in: [...runIds] } },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  findByModels(modelIds: readonly string[]): Promise<ModelVersion[]> {
    return this.em.find(ModelVersion, { model: { $in: [...modelIds] } }, { orderBy: { version: 'desc' } });
  }

  /** The highest-numbered READY version of each model, in one query (a READY version with no newer READY one). */
  findLatestReady(modelIds: readonly string[]): Promise<ModelVersion[]> {
    // Correlated on the outer (organization-filtered) row's model, so it cannot reach another organization.
    const newer = (alias: string) =>
      // eslint-disable-next-line no-restricted-syntax
      this.em
        .createQueryBuilder(ModelVersion, 'newer')
        .select(raw('1'))
        .where({ status: 'READY' })
        .andWhere(raw(`newer.model_id = ${alias}.model_id and newer.version > ${alias}.version`))
        .getFormattedQuery();
    return this.em.find(ModelVersion, {
      model: { $in: [...modelIds] },
      status: 'READY',
      [raw((alias) => `not exists (${newer(alias)})`)]: [],
    });
  }

  /** `refresh` reads committed values over those of versions already loaded (inside a locking transaction). */
  findInProduction(modelIds: readonly string[], refresh = false): Promise<ModelVersion[]> {
    return this.em.find(ModelVersion, { model: { $in: [...modelIds] }, stage: 'PRODUCTION' }, { refresh });
  }

  /** Tags of versions loaded in scope, sorted, by version id. */
  tagsOf(versionIds: readonly string[]): Promise<Map<string, string[]>> {
    return tagsOf(this.em, ModelVersionTag, 'version', versionIds);
  }

  /** Aliases of the models, by name, with their versions (joined: one query). */
  aliasesOfModels(modelIds: readonly string[]): Promise<ModelAlias[]> {
    return this.em.find(
      ModelAlias,
      { model: { $in: [...modelIds] } },
      { orderBy: { name: 'asc' }, populate: ['version'], strategy: 'joined' },
    );
  }

  aliasesOfVersions(versionIds: readonly string[]): Promise<ModelAlias[]> {
    return this.em.find(
      ModelAlias,
      { version: { $in: [...versionIds] } },
      { orderBy: { name: 'asc' }, disableIdentityMap: true },
    );
  }

  /**
   * The model row as committed, locked until the transaction ends (PostgreSQL; SQLite runs one write transaction at
   * a time). Every write transaction on a model's versions locks the model row first, then version rows: this one
   * (exclusive) for stage changes, completions and the model's deletion; `shareLockModel` for the writes that only
   * add (versions, tags, aliases). One order everywhere means no deadlock.
   */
  lockModel(id: string): Promise<Model | null> {
    return findLocked(this.em, Model, id, LockMode.PESSIMISTIC_WRITE);
  }

  /** False when the model is gone; holds off the model's deletion and stage changes until the transaction ends. */
  async shareLockModel(id: string): Promise<boolean> {
    const row = await this.em.findOne(
      Model,
      { id },
      { lockMode: rowLock(this.em, LockMode.PESSIMISTIC_READ), fields: ['id'], disableIdentityMap: true },
    );
    return row !== null;
  }

  /** The version row as committed, locked like `lockModel`. */
  lockVersion(id: string): Promise<ModelVersion | null> {
    return findLocked(this.em, ModelVersion, id, LockMode.PESSIMISTIC_WRITE);
  }

  /** The reference distributions of the given versions, keyed by id (the column is lazy: loaded only here). */
  async referenceDistributionsOf(ids: readonly string[]): Promise<Map<string, unknown>> {
    const rows = await this.em.find(
      ModelVersion,
      { id: { $in: [...ids] } },
      { fields: ['id', 'referenceDistribution'], disableIdentityMap: true },
    );
    return new Map(rows.map((row) => [row.id, row.referenceDistribution]));
  }

  /** Records a version's reference distribution (the column is lazy: written without loading the version). */
  async setReferenceDistribution(id: string, referenceDistribution: unknown): Promise<void> {
    await this.em.nativeUpdate(ModelVersion, { id }, { referenceDistribution });
  }

  /** Takes the model's next version number; the number returns to the pool if the transaction rolls back. */
  async nextVersionNumber(modelId: string): Promise<number> {
    // An upsert keyed by a model the service has already found in the caller's organization; it reads no rows.
    // eslint-disable-next-line no-restricted-syntax
    const rows: { last_version: number }[] = await this.em
      .createQueryBuilder(ModelVersionCounter)
      .insert({ model: modelId, lastVersion: 1 })
      .onConflict(['model'])
      .merge({ lastVersion: raw('?? + 1', ['model_version_counters.last_version']) })
      .returning(['lastVersion'])
      .execute('all', false);
    return Number(rows[0].last_version);
  }

  async insert(version: ModelVersion, tags: readonly string[]): Promise<void> {
    this.em.persist(version);
    await this.em.flush();
    await this.insertTags(version, tags);
  }

  async flush(): Promise<void> {
    await this.em.flush();
  }

  async replaceTags(version: ModelVersion, tags: readonly string[]): Promise<void> {
    await this.em.nativeDelete(ModelVersionTag, { version: version.id });
    await this.insertTags(version, tags);
  }

  async hasReady(modelId: string): Promise<boolean> {
    return (await this.em.count(ModelVersion, { model: modelId, status: 'READY' })) > 0;
  }

  /** Stages of the model's READY versions (call after `lockModel`). */
  async readyStages(modelId: string): Promise<Lifecycle[]> {
    const rows = await this.em.find(
      ModelVersion,
      { model: modelId, status: 'READY' },
      { fields: ['stage'], disableIdentityMap: true },
    );
    return rows.map((row) => row.stage);
  }

  /** Points the alias at the version, creating it or moving it from another version. */
  async setAlias(modelId: string, name: string, versionId: string, now: Date): Promise<void> {
    // An upsert keyed by a model the service has already found in the caller's organization.
    // eslint-disable-next-line no-restricted-syntax
    await this.em
      .createQueryBuilder(ModelAlias)
      .insert({ model: modelId, name, version: versionId, updatedAt: now })
      .onConflict(['model', 'name'])
      .merge(['version', 'updatedAt'])
      .execute();
  }

  async deleteAlias(modelId: string, name: string): Promise<boolean> {
    return (await this.em.nativeDelete(ModelAlias, { model: modelId, name })) > 0;
  }

  /** Deletes every version of the model with its tags, aliases and counter; returns the deleted versions. */
  async deleteAllOf(
    modelId: string,
  ): Promise<Pick<ModelVersion, 'id' | 'status' | 'artifactKey' | 'uploadExpiresAt'>[]> {
    const versions = await this.em.find(
      ModelVersion,
      { model: modelId },
      { fields: ['status', 'artifactKey', 'uploadExpiresAt'], disableIdentityMap: true },
    );
    const ids = versions.map((v) => v.id);
    await this.em.nativeDelete(ModelAlias, { model: modelId });
    if (ids.length) await this.em.nativeDelete(ModelVersionTag, { version: { $in: ids } });
    await this.em.nativeDelete(ModelVersion, { model: modelId });
    await this.em.nativeDelete(ModelVersionCounter, { model: modelId });
    return versions;
  }

  private async insertTags(version: ModelVersion, tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    await this.em.insertMany(
      ModelVersionTag,
      tags.map((tag) => ({ version: version.id, tag })),
    );
  }
}
