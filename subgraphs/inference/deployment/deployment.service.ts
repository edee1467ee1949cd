import DataLoader from 'dataloader';
import { entityLoader, loadExisting } from '../../../lib/entity-loader';
import { errors } from '../../../lib/errors';
import { isUuid } from '../../../lib/ids';
import {
  emptyPage,
  newestFirst,
  parsePageSize,
  readPage,
  type KeysetCursor,
  type Page,
  type PageArguments,
} from '../../../lib/keyset-page';
import type { InferenceRequest } from '../inference-request';
import type { RegistryVersions } from './registry-versions';
import type { Deployment, DeploymentStatus } from './deployment.entity';
import { DeploymentRepository, type DeploymentListFilter } from './deployment.repository';

export type DeploymentPage = Page<Deployment>;

type Maybe<T> = T | null | undefined;

export interface DeploymentListArguments extends PageArguments {
  filter?: Maybe<{ modelId?: Maybe<string>; status?: Maybe<DeploymentStatus> }>;
}

/** Reads deployments for one request, in the caller's organization, batching model lookups. */
export class DeploymentService {
  private repository?: DeploymentRepository;
  private readonly byId = entityLoader((ids) => this.repo().findByIds(ids));
  private readonly currentByModel = new DataLoader<string, Deployment | null>(async (modelIds) => {
    const found = await this.repo().findCurrentByModelIds(modelIds.filter(isUuid));
    return modelIds.map((id) => found.get(id) ?? null);
  });

  constructor(
    private readonly request: InferenceRequest,
    private readonly registry: Pick<RegistryVersions, 'modelExists'>,
  ) {}

  /** The repository on the request's EntityManager, shared with the other inference services. */
  repo(): DeploymentRepository {
    this.repository ??= new DeploymentRepository(this.request.em());
    return this.repository;
  }

  /**
   * `null` for an id that names no deployment of the caller's organization (a foreign id is not revealed);
   * batched, so that the gateway's references cost one query.
   */
  findById(id: string): Promise<Deployment | null> {
    return this.byId.load(id);
  }

  /** Like `findById`, for a client that asked for this deployment: NOT_FOUND, same for a foreign id as for none. */
  get(id: string): Promise<Deployment> {
    return loadExisting(this.byId, 'Deployment', id);
  }

  currentForModel(modelId: string): Promise<Deployment | null> {
    return this.currentByModel.load(modelId);
  }

  /**
   * The deployment predictions of the model go to. Without one: NOT_FOUND for a model the caller's organization
   * does not have (another organization's model is answered as a missing one), CONFLICT for one of its models
   * that has no READY deployment. The registry is asked only on that way to a refusal.
   */
  async readyForModel(modelId: string): Promise<Deployment> {
    if (!isUuid(modelId)) throw errors.notFound('Model', modelId);
    const ready = await this.repo().findReadyForModel(modelId);
    if (ready) return ready;
    if (!(await this.registry.modelExists(this.request.user(), modelId)))
      throw errors.notFound('Model', modelId);
    throw errors.conflict(`model ${modelId} has no READY deployment`);
  }

  async list(args: DeploymentListArguments): Promise<DeploymentPage> {
    const repository = this.repo();
    const filter: DeploymentListFilter = {};
    const modelId = args.filter?.modelId;
    if (modelId != null) {
      // PostgreSQL would refuse to compare a malformed id with a uuid column; it matches nothing.
      if (!isUuid(modelId)) {
        parsePageSize(args.first);
        return emptyPage();
      }
      filter.modelId = modelId;
    }
    if (args.filter?.status) filter.status = args.filter.status;
    return readPage(args, newestFirst, {
      findPage: (limit: number, after?: KeysetCursor) => repository.findPage(filter, limit, after),
      count: () => repository.count(filter),
    });
  }
}
