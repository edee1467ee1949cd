import type { EntityManager } from '../../../lib/database';
import { DriftPolicy } from './drift-policy.entity';

/** Drift policy queries; the EntityManager it is given is already confined to one organization. */
export class DriftPolicyRepository {
  constructor(private readonly em: EntityManager) {}

  /** The stored policy of each of the given models that has one, in one query. */
  async findByModelIds(modelIds: readonly string[]): Promise<Map<string, DriftPolicy>> {
    const rows = await this.em.find(DriftPolicy, { modelId: { $in: [...modelIds] } });
    return new Map(rows.map((row) => [row.modelId, row]));
  }
}
