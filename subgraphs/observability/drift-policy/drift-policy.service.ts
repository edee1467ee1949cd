import DataLoader from 'dataloader';
import type { Caller } from '../../../lib/caller';
import type { Orm } from '../../../lib/database';
import { isUuid } from '../../../lib/ids';
import { requireUser, scopedEntityManager } from '../../../lib/organization-scope';
import { DriftPolicy, defaultDriftPolicy, type DriftPolicyValues } from './drift-policy.entity';

/** Drift policies of the caller's organization; a model without one gets the defaults. */
export class DriftPolicyService {
  private readonly byModel = new DataLoader<string, DriftPolicyValues>(async (modelIds) => {
    const em = scopedEntityManager(this.orm, requireUser(this.caller));
    const rows = await em.find(DriftPolicy, { modelId: { $in: modelIds.filter(isUuid) } });
    const found = new Map(rows.map((row) => [row.modelId, row]));
    return modelIds.map((id) => found.get(id) ?? defaultDriftPolicy);
  });

  constructor(
    private readonly orm: Orm,
    private readonly caller: Caller,
  ) {}

  forModel(modelId: string): Promise<DriftPolicyValues> {
    return this.byModel.load(modelId);
  }
}
