import DataLoader from 'dataloader';
import type { Caller } from '../../../lib/caller';
import type { Orm } from '../../../lib/database';
import { requireUser, scopedEntityManager } from '../../../lib/organization-scope';
import type { Deployment } from './deployment.entity';
import { DeploymentRepository } from './deployment.repository';

/** Reads deployments for one request, in the caller's organization, batching model lookups. */
export class DeploymentService {
  private repository?: DeploymentRepository;
  private readonly currentByModel = new DataLoader<string, Deployment | null>(async (modelIds) => {
    const found = await this.repo().findCurrentByModelIds(modelIds);
    return modelIds.map((id) => found.get(id) ?? null);
  });

  constructor(
    private readonly orm: Orm,
    private readonly caller: Caller,
  ) {}

  private repo(): DeploymentRepository {
    this.repository ??= new DeploymentRepository(scopedEntityManager(this.orm, requireUser(this.caller)));
    return this.repository;
  }

  findById(id: string): Promise<Deployment | null> {
    return this.repo().findById(id);
  }

  currentForModel(modelId: string): Promise<Deployment | null> {
    return this.currentByModel.load(modelId);
  }
}
