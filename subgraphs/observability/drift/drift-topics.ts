/** Bus topics of drift (Redis pub/sub in production, so a report computed on one replica reaches every other). */

/** Every report of a model: `{ reportId }`. */
export const driftReportTopic = (modelId: string): string => `drift-report:${modelId}`;

/** Every alert of an organization: `{ alertId, modelId }` (driftAlerts without a modelId listens to all). */
export const driftAlertTopic = (organizationId: string): string => `drift-alert:${organizationId}`;

export interface DriftReportMessage {
  reportId: string;
}

export interface DriftAlertMessage {
  alertId: string;
  modelId: string;
}
