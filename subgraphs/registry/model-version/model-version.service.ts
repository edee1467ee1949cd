import DataLoader from 'dataloader';
import type { RunService } from '../run/run.service';
import { entityLoader, loadExisting } from '../../../lib/entity-loader';
import { errors } from '../../../lib/errors';
import { MAX_DOWNLOAD_URL_SECONDS, type ArtifactStorage } from '../artifact/artifact-storage';
import { isUuid } from '../../../lib/ids';
import type { Model } from '../model/model.entity';
import type { ModelService } from '../model/model.service';
import { notNull, parseTags } from '../validation';
import type { RegistryRequest } from '../registry-request';
import type { ModelAlias } from './model-alias.entity';
import type { FeatureSpec } from '../../../ml/feature';
import { ModelVersion, type ArtifactFormat } from './model-version.entity';
import { ModelVersionRepository } from './model-version.repository';
import {
  parseExpiry,
  parseInputSchema,
  parseMetrics,
  parseOutputLabels,
  parseRunId,
} from './model-version.validation';

type Maybe<T> = T | null | undefined;

export interface CreateModelVersionFields {
  format: ArtifactFormat;
  inputSchema: readonly FeatureSpec[];
  outputLabels?: Maybe<readonly string[]>;
  metrics?: unknown;
  runId?: Maybe<string>;
  tags?: Maybe<readonly string[]>;
}

export interface ModelAliasView {
  name: string;
  version: ModelVersion;
}

export interface ModelVersionUpload {
  version: ModelVersion;
  uploadUrl: string;
  uploadExpiresAt: Date;
}

/** Batches per request: a list of models with their versions, latest and production versions is a few queries. */
function loader<K, V>(load: (keys: readonly K[]) => Promise<Map<K, V>>, missing: V) {
  return new DataLoader<K, V>(async (keys) => {
    const found = await load(keys);
    return keys.map((key) => found.get(key) ?? missing);
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Model versions of the caller's organization: reads (batched), creation, tags and download URLs. */
export class ModelVersionService {
  private repository?: ModelVersionRepository;
  private readonly byId = entityLoader((ids) => this.repo().findByIds(ids));
  private readonly byModel = loader<string, ModelVersion[]>(
    async (modelIds) => groupBy(this.prime(await this.repo().findByModels(modelIds)), (v) => v.model.id),
    [],
  );
  private readonly byRun = loader<string, ModelVersion[]>(
    async (runIds) =>
      groupBy(this.prime(await this.repo().findByRuns(runIds.filter(isUuid))), (v) => v.runId!),
    [],
  );
  private readonly latestByModel = loader<string, ModelVersion | null>(async (modelIds) => {
    const found = this.prime(await this.repo().findLatestReady(modelIds));
    return new Map(found.map((v) => [v.model.id, v]));
  }, null);
  private readonly productionByModel = loader<string, ModelVersion | null>(async (modelIds) => {
    const found = this.prime(await this.repo().findInProduction(modelIds));
    return new Map(found.map((v) => [v.model.id, v]));
  }, null);
  // Keyed by ids of versions already loaded in scope.
  private readonly tagsByVersion = loader<string, string[]>((ids) => this.repo().tagsOf(ids), []);
  private readonly aliasesByModel = loader<string, ModelAlias[]>(async (modelIds) => {
    const aliases = await this.repo().aliasesOfModels(modelIds);
    this.prime(aliases.map((a) => a.version));
    return groupBy(aliases, (a) => a.model.id);
  }, []);
  private readonly aliasesByVersion = loader<string, string[]>(async (versionIds) => {
    const aliases = groupBy(await this.repo().aliasesOfVersions(versionIds), (a) => a.version.id);
    return new Map([...aliases].map(([id, rows]) => [id, rows.map((a) => a.name)]));
  }, []);

  // A lazy column: read only for versions whose distribution is asked for.
  private readonly distributions = loader<string, unknown>(
    (ids) => this.repo().referenceDistributionsOf(ids),
    null,
  );

  constructor(
    private readonly request: RegistryRequest,
    private readonly models: ModelService,
    private readonly artifacts: ArtifactStorage,
    private readonly runs: RunService,
  ) {}

  /** The versions created with this run's id (`CreateModelVersionInput.runId`), oldest first. */
  producedBy(runId: string): Promise<ModelVersion[]> {
    return this.byRun.load(runId);
  }

  findById(id: string): Promise<ModelVersion | null> {
    return this.byId.load(id);
  }

  /** The training data's per-feature distribution; null for uploaded versions. */
  referenceDistribution(version: ModelVersion): Promise<unknown> {
    return this.distributions.load(version.id);
  }

  get(id: string): Promise<ModelVersion> {
    return loadExisting(this.byId, 'Model version', id);
  }

  model(version: ModelVersion): Promise<Model> {
    return this.models.get(version.model.id);
  }

  versionsOf(model: Model): Promise<ModelVersion[]> {
    return this.byModel.load(model.id);
  }

  latestOf(model: Model): Promise<ModelVersion | null> {
    return this.latestByModel.load(model.id);
  }

  productionOf(model: Model): Promise<ModelVersion | null> {
    return this.productionByModel.load(model.id);
  }

  tags(version: ModelVersion): Promise<string[]> {
    return this.tagsByVersion.load(version.id);
  }

  aliasNames(version: ModelVersion): Promise<string[]> {
    return this.aliasesByVersion.load(version.id);
  }

  async aliasesOf(model: Model): Promise<ModelAliasView[]> {
    const aliases = await this.aliasesByModel.load(model.id);
    return Promise.all(aliases.map(async (a) => ({ name: a.name, version: await this.get(a.version.id) })));
  }

  async alias(model: Model, name: string): Promise<ModelVersion | null> {
    const alias = (await this.aliasesByModel.load(model.id)).find((a) => a.name === name.trim());
    return alias ? this.findById(alias.version.id) : null;
  }

  /** Cached results that a write made stale (stage changes, aliases). */
  forget(model: Model): void {
    this.byModel.clear(model.id);
    this.latestByModel.clear(model.id);
    this.productionByModel.clear(model.id);
    this.aliasesByModel.clear(model.id);
    this.aliasesByVersion.clearAll();
  }

  async create(modelId: string, input: CreateModelVersionFields): Promise<ModelVersionUpload> {
    const caller = this.request.writer('model versions');
    const inputSchema = parseInputSchema(input.inputSchema, 'input.inputSchema');
    const outputLabels = parseOutputLabels(input.outputLabels, 'input.outputLabels');
    const metrics = parseMetrics(input.metrics, 'input.metrics');
    const runId = parseRunId(input.runId, 'input.runId');
    const tags = parseTags(input.tags ?? [], 'input.tags');
    const model = await this.models.get(modelId);
    // A run of another organization is NOT_FOUND, as any other id of theirs.
    if (runId) await this.runs.get(runId);
    const now = new Date();
    const version = Object.assign(new ModelVersion(), {
      organizationId: caller.organizationId,
      model,
      format: input.format,
      inputSchema,
      outputLabels,
      metrics,
      runId,
      uploadExpiresAt: new Date(now.getTime() + this.artifacts.settings.uploadTtlSeconds * 1000),
      createdAt: now,
      updatedAt: now,
    });
    // The only key a URL may write; completing the upload copies the file to an immutable key.
    version.artifactKey = this.artifacts.stagingKeyFor(caller.organizationId, model.id, version.id);
    // Signed before anything is written: nothing to undo if it fails.
    const uploadUrl = await this.artifacts.uploadUrl(version.artifactKey);
    await this.repo().transactional(async (repository) => {
      // The model may have been deleted since it was read.
      if (!(await repository.shareLockModel(model.id))) throw errors.notFound('Model', modelId);
      version.version = await repository.nextVersionNumber(model.id);
      await repository.insert(version, tags);
    });
    this.byId.prime(version.id, version);
    this.tagsByVersion.prime(version.id, tags);
    this.forget(model);
    return { version, uploadUrl, uploadExpiresAt: version.uploadExpiresAt };
  }

  async update(id: string, input: { tags?: Maybe<readonly string[]> }): Promise<ModelVersion> {
    this.request.writer('model versions');
    const tags =
      input.tags !== undefined ? parseTags(notNull(input.tags, 'input.tags'), 'input.tags') : undefined;
    const version = await this.get(id);
    if (!tags) return version;
    await this.repo().transactional(async (repository) => {
      if (!(await repository.shareLockModel(version.model.id))) throw errors.notFound('Model version', id);
      version.updatedAt = new Date();
      await repository.flush();
      await repository.replaceTags(version, tags);
    });
    this.tagsByVersion.clear(version.id).prime(version.id, tags);
    return version;
  }

  /** A presigned GET URL of a READY version's (immutable) file, for at most MAX_DOWNLOAD_URL_SECONDS. */
  downloadUrl(version: ModelVersion, expiresInSeconds: number): Promise<string> {
    const seconds = parseExpiry(expiresInSeconds, MAX_DOWNLOAD_URL_SECONDS, 'expiresInSeconds');
    return this.artifacts.downloadUrl(version.artifactKey, seconds);
  }

  repo(): ModelVersionRepository {
    this.repository ??= new ModelVersionRepository(this.request.em());
    return this.repository;
  }

  /** Caches versions a read or a transaction of this request returned. */
  prime(versions: ModelVersion[]): ModelVersion[] {
    for (const version of versions) this.byId.clear(version.id).prime(version.id, version);
    return versions;
  }
}
