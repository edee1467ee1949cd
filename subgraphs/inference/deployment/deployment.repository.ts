import { LockMode } from '@mikro-orm/core';
import { findLocked, rowLock } from '../../../lib/database';
import type { KeysetCursor } from '../../../lib/keyset-page';
import { OrganizationRepository } from '../../../lib/organization-repository';
import { findNewestFirst } from '../../../lib/keyset-query';
import { activeStatuses, Deployment, type DeploymentStatus } from './deployment.entity';

export interface DeploymentListFilter {
  modelId?: string;
  status?: DeploymentStatus;
}

/** Deployment queries; the EntityManager it is given is already confined to one organization. */
export class DeploymentRepository extends OrganizationRepository<Deployment> {
  protected readonly entity = Deployment;

  /**
   * The deployment of each of the given models, in one query: the newest READY one, else the newest that is not
   * STOPPED (one still loading, or FAILED), so that a redeploy in progress does not hide the one serving.
   */
  async findCurrentByModelIds(modelIds: readonly string[]): Promise<Map<string, Deployment>> {
    const rows = await this.em.find(
      Deployment,
      { modelId: { $in: [...modelIds] }, status: { $ne: 'STOPPED' } },
      { orderBy: { createdAt: 'asc' } },
    );
    const current = new Map<string, Deployment>();
    for (const row of rows) {
      const kept = current.get(row.modelId);
      if (kept?.status !== 'READY' || row.status === 'READY') current.set(row.modelId, row);
    }
    return current;
  }

  /** The READY deployment of a model that predictions go to (the newest, should two have overlapped). */
  findReadyForModel(modelId: string): Promise<Deployment | null> {
    return this.em.findOne(
      Deployment,
      { modelId, status: 'READY' },
      { orderBy: [{ readyAt: 'desc' }, { id: 'desc' }] },
    );
  }

  /** The row as committed, locked until the transaction ends (see lib/database findLocked). */
  lock(id: string): Promise<Deployment | null> {
    return findLocked(this.em, Deployment, id, LockMode.PESSIMISTIC_WRITE);
  }

  /**
   * The model's PENDING, LOADING and READY deployments, and `id` whatever its status, as committed and locked until
   * the transaction ends: two switches of one model run one after the other. One statement locking in id order
   * (not one row and then the others) is what keeps two switches from waiting on each other.
   */
  lockActiveOfModel(modelId: string, id: string): Promise<Deployment[]> {
    // `find` takes pessimistic modes only; rowLock gives back the one it is given (or none on SQLite).
    const lockMode = rowLock(this.em, LockMode.PESSIMISTIC_WRITE) && LockMode.PESSIMISTIC_WRITE;
    return this.em.find(
      Deployment,
      { modelId, $or: [{ status: { $in: [...activeStatuses] } }, { id }] },
      { orderBy: { id: 'asc' }, lockMode, refresh: true },
    );
  }

  findPage(filter: DeploymentListFilter, limit: number, after?: KeysetCursor): Promise<Deployment[]> {
    return findNewestFirst(this.em, Deployment, { ...filter }, limit, after);
  }

  count(filter: DeploymentListFilter): Promise<number> {
    return this.em.count(Deployment, { ...filter });
  }

  async insert(deployment: Deployment): Promise<void> {
    await this.em.persistAndFlush(deployment);
  }

  /** Writes every change to loaded deployments, in one transaction. */
  async flush(): Promise<void> {
    await this.em.flush();
  }
}
