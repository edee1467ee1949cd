import DataLoader from 'dataloader';
import { isUuid } from '../../../lib/ids';
import type { DriftRuntime } from '../drift/drift-runtime';
import { PlatformClient } from '../drift/platform-client';
import type { ObservabilityRequest } from '../observability-request';
import { defaultDriftPolicy, DriftPolicy, type DriftPolicyValues } from './drift-policy.entity';
import { DriftPolicyRepository } from './drift-policy.repository';
import { validatePolicy, type DriftPolicyInput } from './drift-policy.validation';

/** Drift policies of the caller's organization; a model without one gets the defaults. */
export class DriftPolicyService {
  private readonly byModel = new DataLoader<string, DriftPolicyValues>(async (modelIds) => {
    const found = await new DriftPolicyRepository(this.request.em()).findByModelIds(modelIds.filter(isUuid));
    return modelIds.map((id) => found.get(id) ?? defaultDriftPolicy);
  });

  constructor(
    private readonly request: ObservabilityRequest,
    private readonly runtime: DriftRuntime,
  ) {}

  forModel(modelId: string): Promise<DriftPolicyValues> {
    return this.byModel.load(modelId);
  }

  /**
   * setDriftPolicy: MEMBER and up, a model (and retrain dataset) of the caller's organization. Auto-retrain acts as
   * the member who set the policy last, so they are recorded with it.
   */
  async set(modelId: string, input: DriftPolicyInput): Promise<DriftPolicyValues> {
    const caller = this.request.writer('drift policies');
    const em = this.request.em();
    const stored = isUuid(modelId) ? await em.findOne(DriftPolicy, { modelId }) : null;
    const values = validatePolicy(stored ?? defaultDriftPolicy, input);
    const platform = new PlatformClient(this.runtime.config, caller);
    await platform.model(modelId);
    if (values.retrainDatasetId && values.retrainDatasetId !== stored?.retrainDatasetId)
      await platform.dataset(values.retrainDatasetId);
    const policy =
      stored ?? Object.assign(new DriftPolicy(), { organizationId: caller.organizationId, modelId });
    Object.assign(policy, values, { updatedBy: caller.userId, updatedByRole: caller.role });
    await em.persistAndFlush(policy);
    this.byModel.clear(modelId);
    return policy;
  }
}
