import { AuditLogService } from './audit/audit-log.service';
import { DriftPolicyService } from './drift-policy/drift-policy.service';
import { SystemHealthService } from './health/system-health.service';
import type { ObservabilityRequest } from './observability-request';

/** What the observability services need beyond the request: built once per process by its module. */
export interface ObservabilityDependencies {
  /** Each service's `/health/ready` URL by name, in the order `systemHealth` reports them. */
  readinessUrls: Record<string, string>;
}

/** Every observability service of one request, sharing the request's caller and EntityManager. */
export interface ObservabilityServices {
  auditLog: AuditLogService;
  driftPolicies: DriftPolicyService;
  systemHealth: SystemHealthService;
}

/** The one place the observability subgraph's services are wired. */
export function createObservabilityServices(
  request: ObservabilityRequest,
  deps: ObservabilityDependencies,
): ObservabilityServices {
  return {
    auditLog: new AuditLogService(request),
    driftPolicies: new DriftPolicyService(request),
    systemHealth: new SystemHealthService(request, deps.readinessUrls),
  };
}
