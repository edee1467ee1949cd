import { AuditLogService } from './audit/audit-log.service';
import type { EventBus } from '../../lib/bus/event-bus';
import type { Config } from '../../lib/config';
import { DriftAlertService } from './drift-alert/drift-alert.service';
import { DriftPolicyService } from './drift-policy/drift-policy.service';
import { DriftReportService } from './drift/drift-report.service';
import type { DriftReporter } from './drift/drift-reporter';
import type { DriftRuntime } from './drift/drift-runtime';
import { ReferenceService } from './drift/reference.service';
import { SystemHealthService } from './health/system-health.service';
import { ModelMetricsUpdates } from './metrics/model-metrics-updates';
import { ModelMetricsService } from './metrics/model-metrics.service';
import type { ObservabilityRequest } from './observability-request';

/** What the observability services need beyond the request: built once per process by its module. */
export interface ObservabilityDependencies {
  /** Each service's `/health/ready` URL by name, in the order `systemHealth` reports them. */
  readinessUrls: Record<string, string>;
  config: Config;
  /** Where consumers announce changes that subscriptions stream. */
  bus: EventBus;
  drift: DriftRuntime;
  driftReporter: DriftReporter;
}

/** Every observability service of one request, sharing the request's caller and EntityManager. */
export interface ObservabilityServices {
  auditLog: AuditLogService;
  driftPolicies: DriftPolicyService;
  driftReports: DriftReportService;
  driftAlerts: DriftAlertService;
  references: ReferenceService;
  systemHealth: SystemHealthService;
  modelMetrics: ModelMetricsService;
  modelMetricsUpdates: ModelMetricsUpdates;
}

/** The one place the observability subgraph's services are wired. */
export function createObservabilityServices(
  request: ObservabilityRequest,
  deps: ObservabilityDependencies,
): ObservabilityServices {
  const modelMetrics = new ModelMetricsService(request);
  return {
    auditLog: new AuditLogService(request),
    driftPolicies: new DriftPolicyService(request, deps.drift),
    driftReports: new DriftReportService(request, deps.drift, deps.driftReporter),
    driftAlerts: new DriftAlertService(request, deps.drift),
    references: new ReferenceService(request, deps.drift),
    systemHealth: new SystemHealthService(request, deps.readinessUrls),
    modelMetrics,
    modelMetricsUpdates: new ModelMetricsUpdates(request, modelMetrics, deps.bus, deps.config),
  };
}
