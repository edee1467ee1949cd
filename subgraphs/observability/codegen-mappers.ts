/** Maps GraphQL types to what the resolvers return for them (see codegen.ts). */
export const mappers = {
  Model: '{ id: string }',
  ModelVersion: '{ id: string }',
  TrainingJob: '{ id: string }',
  DriftPolicy: '../drift-policy/drift-policy.entity#DriftPolicyValues',
  ModelMetrics: '../metrics/model-metrics.service#ModelMetricsView',
  DriftReport: '../drift/drift-report.entity#DriftReport',
  DriftReportConnection: '../drift/drift-report.service#DriftReportPage',
  FeatureDrift: '../../../ml/drift#FeatureDriftResult',
  DriftAlert: '../drift-alert/drift-alert.entity#DriftAlert',
  DriftAlertConnection: '../drift-alert/drift-alert.service#DriftAlertPage',
  SystemHealth: '../health/system-health.service#SystemHealth',
  ServiceHealth: '../health/system-health.service#ServiceHealth',
  AuditEvent: '../audit/audit-event.entity#AuditEventRecord',
  AuditEventConnection: '../audit/audit-log.service#AuditEventPage',
  User: '{ id: string }',
};
