import type { EntityManager } from '../../../lib/database';
import { Deployment } from './deployment.entity';

/** Deployment queries; the EntityManager it is given is already confined to one organization. */
export class DeploymentRepository {
  constructor(private readonly em: EntityManager) {}

  findById(id: string): Promise<Deployment | null> {
    return this.em.findOne(Deployment, { id });
  }

  /** The newest deployment that is not STOPPED, for each of the given models, in one query. */
  async findCurrentByModelIds(modelIds: readonly string[]): Promise<Map<string, Deployment>> {
    const rows = await this.em.find(
      Deployment,
      { modelId: { $in: [...modelIds] }, status: { $ne: 'STOPPED' } },
      { orderBy: { createdAt: 'asc' } },
    );
    // Later rows win, so each model maps to its newest live deployment.
    return new Map(rows.map((row) => [row.modelId, row]));
  }
}
