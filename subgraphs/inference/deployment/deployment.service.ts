import DataLoader from 'dataloader';
import { errors } from '../../../lib/errors';
import { isUuid } from '../../../lib/ids';
import type { Page } from '../../../lib/keyset-page';
import type { InferenceRequest } from '../inference-request';
import type { Deployment } from './deployment.entity';
import { DeploymentRepository } from './deployment.repository';

export type DeploymentPage = Page<Deployment>;

/** Reads deployments for one request, in the caller's organization, batching model lookups. */
export class DeploymentService {
  private repository?: DeploymentRepository;
  private readonly currentByModel = new DataLoader<string, Deployment | null>(async (modelIds) => {
    const found = await this.repo().findCurrentByModelIds(modelIds.filter(isUuid));
    return modelIds.map((id) => found.get(id) ?? null);
  });

  constructor(private readonly request: InferenceRequest) {}

  private repo(): DeploymentRepository {
    this.repository ??= new DeploymentRepository(this.request.em());
    return this.repository;
  }

  /** `null` for an id that names no deployment of the caller's organization (a foreign id is not revealed). */
  async findById(id: string): Promise<Deployment | null> {
    const repository = this.repo();
    return isUuid(id) ? repository.findById(id) : null;
  }

  /** Like `findById`, for a client that asked for this deployment: NOT_FOUND, same for a foreign id as for none. */
  async get(id: string): Promise<Deployment> {
    const deployment = await this.findById(id);
    if (!deployment) throw errors.notFound('Deployment', id);
    return deployment;
  }

  currentForModel(modelId: string): Promise<Deployment | null> {
    return this.currentByModel.load(modelId);
  }
}
