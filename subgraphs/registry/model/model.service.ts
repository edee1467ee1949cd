import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { AuthenticatedCaller } from '../../../lib/caller';
import { entityLoader, loadExisting } from '../../../lib/entity-loader';
import { errors } from '../../../lib/errors';
import type { ArtifactStorage } from '../artifact/artifact-storage';
import { enqueueObjectDeletions } from '../artifact/object-deletions';
import { ModelVersionRepository } from '../model-version/model-version.repository';
import type { RegistryRequest } from '../registry-request';
import { tagLoader } from '../tags';
import { Model, type Framework, type Lifecycle, type TaskType } from './model.entity';
import type { ModelDeployments } from './model-deployments';
import { readPage, type KeysetCursor } from '../../../lib/keyset-page';
import { DEFAULT_ORDER, keysetOrder, type ModelOrder, type ModelPage } from './model-page';
import { TrainingJobRepository } from '../training-job/training-job.repository';
import { ModelRepository } from './model.repository';
import { notNull, parseDescription, parseName, parseTags } from '../validation';
import { parseSearch } from './model.validation';
import { canBeStored } from '../../../lib/stored-text';

type Maybe<T> = T | null | undefined;

export interface CreateModelFields {
  name: string;
  framework: Framework;
  taskType: TaskType;
  description?: Maybe<string>;
  tags?: Maybe<readonly string[]>;
}

/** Absent fields stay as they are; a null description clears it. */
export interface UpdateModelFields {
  name?: Maybe<string>;
  description?: Maybe<string>;
  tags?: Maybe<readonly string[]>;
}

export interface ModelListArguments {
  filter?: Maybe<{
    framework?: Maybe<Framework>;
    taskType?: Maybe<TaskType>;
    lifecycle?: Maybe<Lifecycle>;
    tag?: Maybe<string>;
    search?: Maybe<string>;
  }>;
  first?: Maybe<number>;
  after?: Maybe<string>;
  orderBy?: Maybe<ModelOrder>;
}

/**
 * Models for one request, in the caller's organization: the rules (who may write, what a valid model is, unique
 * names) and the batching of lookups. Nothing is read before the caller is known to be a user.
 */
export class ModelService {
  private repository?: ModelRepository;
  private readonly byId = entityLoader((ids) => this.repo().findByIds(ids));
  private readonly tagsByModel = tagLoader<Model>((ids) => this.repo().tagsOf(ids));

  constructor(
    private readonly request: RegistryRequest,
    private readonly artifacts: ArtifactStorage,
    private readonly deployments: ModelDeployments,
  ) {}

  /** The model, or null when the caller's organization has none with this id (batched per request). */
  findById(id: string): Promise<Model | null> {
    return this.byId.load(id);
  }

  get(id: string): Promise<Model> {
    return loadExisting(this.byId, 'Model', id);
  }

  async findByName(name: string): Promise<Model | null> {
    if (!canBeStored(name)) return null;
    const model = await this.repo().findByName(name.trim());
    if (model) this.byId.prime(model.id, model);
    return model;
  }

  tags(model: Model): Promise<string[]> {
    return this.tagsByModel.load(model);
  }

  async list(args: ModelListArguments): Promise<ModelPage> {
    const repository = this.repo();
    const order = args.orderBy ?? DEFAULT_ORDER;
    const filter = args.filter ?? {};
    const criteria = {
      framework: filter.framework ?? undefined,
      taskType: filter.taskType ?? undefined,
      lifecycle: filter.lifecycle ?? undefined,
      tag: filter.tag != null ? parseTags([filter.tag], 'filter.tag')[0] : undefined,
      search: parseSearch(filter.search, 'filter.search'),
    };
    const source = {
      findPage: (limit: number, after?: KeysetCursor) => repository.findPage(criteria, order, limit, after),
      count: () => repository.count(criteria),
    };
    return readPage(args, keysetOrder(order), source, this.byId);
  }

  async create(input: CreateModelFields): Promise<Model> {
    const caller = this.requireWriter();
    const name = parseName(input.name, 'input.name');
    const description = parseDescription(input.description, 'input.description');
    const tags = parseTags(input.tags ?? [], 'input.tags');
    await this.assertNameFree(name);
    const model = Object.assign(new Model(), {
      organizationId: caller.organizationId,
      ownerId: caller.userId,
      name,
      description,
      framework: input.framework,
      taskType: input.taskType,
    });
    await this.write(name, (repository) => repository.insert(model, tags));
    this.byId.prime(model.id, model);
    this.tagsByModel.prime(model, tags);
    return model;
  }

  async update(id: string, input: UpdateModelFields): Promise<Model> {
    this.requireWriter();
    const name =
      input.name !== undefined ? parseName(notNull(input.name, 'input.name'), 'input.name') : undefined;
    const description =
      input.description !== undefined ? parseDescription(input.description, 'input.description') : undefined;
    const tags =
      input.tags !== undefined ? parseTags(notNull(input.tags, 'input.tags'), 'input.tags') : undefined;
    const model = await this.get(id);
    if (name !== undefined && name !== model.name) await this.assertNameFree(name);
    const previous = { name: model.name, description: model.description, updatedAt: model.updatedAt };
    try {
      await this.write(name ?? model.name, async (repository) => {
        if (name !== undefined) model.name = name;
        if (description !== undefined) model.description = description;
        model.updatedAt = new Date();
        await repository.update(model, tags);
      });
    } catch (error) {
      // Rolled back: the entity must not carry the change into a later flush of this request.
      Object.assign(model, previous);
      throw error;
    }
    if (tags) this.tagsByModel.clear(model).prime(model, tags);
    return model;
  }

  /**
   * Deletes the model with its versions, tags and aliases in one transaction that also queues the removal of the
   * versions' files; the files are removed after the commit, and whatever S3 refuses stays queued for the sweeper.
   */
  async delete(id: string): Promise<boolean> {
    const caller = this.requireWriter();
    const model = await this.get(id);
    await this.assertNotDeployed(caller, model);
    const now = new Date();
    const deletions = await this.request.transaction(async (em) => {
      const versions = new ModelVersionRepository(em);
      // Serializes with stage changes and uploads completing for this model.
      if (!(await versions.lockModel(model.id))) throw errors.notFound('Model', id);
      // Jobs share-lock the model when they start and lock it to register their version, so none slips by.
      const jobs = new TrainingJobRepository(em);
      const unfinished = await jobs.unfinished({ modelId: model.id });
      if (unfinished.length > 0) {
        throw errors.conflict(
          `Model "${model.name}" has unfinished training jobs (${unfinished.join(', ')}); cancel them or let them finish first`,
        );
      }
      await jobs.deleteForModel(model.id);
      const removed = await versions.deleteAllOf(model.id);
      const queued = await enqueueObjectDeletions(
        em,
        removed.map((v) =>
          // A READY version's staging object was queued for removal when it became READY.
          v.status === 'READY'
            ? this.artifacts.immutableDeletion(v.artifactKey, now)
            : this.artifacts.stagingDeletion(v.artifactKey, v.uploadExpiresAt, now),
        ),
        now,
      );
      await new ModelRepository(em).delete(model);
      return queued;
    });
    this.byId.clear(id);
    this.tagsByModel.clear(model);
    await this.artifacts.removeNow(deletions);
    return true;
  }

  /**
   * CONFLICT while inference serves the model or is loading it. Asked before the delete's transaction, not inside:
   * no row lock is held over an HTTP call. A deploy that starts meanwhile cannot end READY: its load asks the
   * registry for the file, which is gone by then.
   */
  private async assertNotDeployed(caller: AuthenticatedCaller, model: Model): Promise<void> {
    // Only READY versions deploy, and a version never leaves READY: without one there is nothing to ask.
    if (!(await new ModelVersionRepository(this.request.em()).hasReady(model.id))) return;
    const active = await this.deployments.activeOf(caller, model.id);
    if (active)
      throw errors.conflict(
        `Model "${model.name}" has a ${active.status} deployment (${active.id}); ` +
          `stop it with undeployModel(deploymentId: "${active.id}") first`,
      );
  }

  private repo(): ModelRepository {
    this.repository ??= new ModelRepository(this.request.em());
    return this.repository;
  }

  private requireWriter() {
    return this.request.writer('models');
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.repo().findByName(name)) throw nameTaken(name);
  }

  /** Runs a write in one transaction; a concurrent writer that took the name first turns into CONFLICT. */
  private async write(name: string, work: (repository: ModelRepository) => Promise<void>): Promise<void> {
    try {
      await this.repo().transactional(work);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw nameTaken(name);
      throw error;
    }
  }
}

function nameTaken(name: string) {
  return errors.conflict(`A model named "${name}" already exists in this organization`);
}
