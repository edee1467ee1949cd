import type { RequestBase } from '../../lib/server/subgraph-server';
import type { DriftPolicyService } from './drift-policy/drift-policy.service';
import type { SystemHealthService } from './health/system-health.service';

export interface ObservabilityContext extends RequestBase {
  driftPolicies: DriftPolicyService;
  systemHealth: SystemHealthService;
}
