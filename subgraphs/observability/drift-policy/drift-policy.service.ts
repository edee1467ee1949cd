import DataLoader from 'dataloader';
import { isUuid } from '../../../lib/ids';
import type { ObservabilityRequest } from '../observability-request';
import { defaultDriftPolicy, type DriftPolicyValues } from './drift-policy.entity';
import { DriftPolicyRepository } from './drift-policy.repository';

/** Drift policies of the caller's organization; a model without one gets the defaults. */
export class DriftPolicyService {
  private readonly byModel = new DataLoader<string, DriftPolicyValues>(async (modelIds) => {
    const found = await new DriftPolicyRepository(this.request.em()).findByModelIds(modelIds.filter(isUuid));
    return modelIds.map((id) => found.get(id) ?? defaultDriftPolicy);
  });

  constructor(private readonly request: ObservabilityRequest) {}

  forModel(modelId: string): Promise<DriftPolicyValues> {
    return this.byModel.load(modelId);
  }
}
