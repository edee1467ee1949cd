/** Maps GraphQL types to what the resolvers return for them (see codegen.ts). */
export const mappers = {
  Model: '{ id: string }',
  DriftPolicy: '../drift-policy/drift-policy.entity#DriftPolicyValues',
  ModelMetrics: '../metrics/model-metrics.service#ModelMetricsView',
  SystemHealth: '../health/system-health.service#SystemHealth',
  ServiceHealth: '../health/system-health.service#ServiceHealth',
  AuditEvent: '../audit/audit-event.entity#AuditEventRecord',
  AuditEventConnection: '../audit/audit-log.service#AuditEventPage',
  User: '{ id: string }',
};
