import { EntitySchema } from '@mikro-orm/core';

/**
 * Where a model's window and retrains stand. Locked (SELECT … FOR UPDATE) by whoever changes it, so replicas that
 * consume the same stream agree on when a report is due and on the one retrain in flight.
 */
export class DriftState {
  modelId!: string;
  organizationId!: string;
  /** The version the window holds rows of: that of the most recent prediction; a new version starts afresh. */
  versionId!: string;
  rowsSinceReport = 0;
  /** The model's newest report: `Model.drift` of many models in two queries. */
  latestReportId: string | null = null;
  /** The training job the latest retrain started, and when (the cooldown counts from it). */
  retrainJobId: string | null = null;
  retrainStartedAt: Date | null = null;
  /** The alert whose retrain is to be deployed when it succeeds (autoDeploy); null once settled. */
  pendingDeployAlertId: string | null = null;
}

export const DriftStateSchema = new EntitySchema<DriftState>({
  class: DriftState,
  tableName: 'drift_states',
  properties: {
    modelId: { type: 'uuid', primary: true },
    organizationId: { type: 'uuid' },
    versionId: { type: 'uuid' },
    rowsSinceReport: { type: 'integer' },
    latestReportId: { type: 'uuid', nullable: true },
    retrainJobId: { type: 'uuid', nullable: true },
    retrainStartedAt: { type: 'datetime', nullable: true },
    pendingDeployAlertId: { type: 'uuid', nullable: true, index: true },
  },
});
