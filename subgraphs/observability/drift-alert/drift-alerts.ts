import { scopedEntityManager } from '../../../lib/organization-scope';
import { DriftPolicy } from '../drift-policy/drift-policy.entity';
import type { DriftReport } from '../drift/drift-report.entity';
import type { DriftRuntime } from '../drift/drift-runtime';
import { driftAlertTopic, type DriftAlertMessage } from '../drift/drift-topics';
import { serviceCaller } from '../drift/platform-client';
import { decideRetrain } from '../retrain/auto-retrain';
import { DriftAlert } from './drift-alert.entity';

/** Raises the alert of a report that drifted: auto-retrain's decision recorded with it, then announced. */
export class DriftAlerts {
  constructor(private readonly runtime: DriftRuntime) {}

  async raise(report: DriftReport): Promise<DriftAlert> {
    const { orm, bus, metrics, logger } = this.runtime;
    const em = scopedEntityManager(orm, serviceCaller(report.organizationId));
    const policy = await em.findOne(DriftPolicy, { modelId: report.modelId });
    const alert = Object.assign(new DriftAlert(), {
      organizationId: report.organizationId,
      modelId: report.modelId,
      reportId: report.id,
    });
    const decision = await decideRetrain(this.runtime, report, policy, alert.id);
    Object.assign(alert, {
      retrainStatus: decision.status,
      retrainJobId: decision.jobId,
      message: decision.message,
    });
    await em.persistAndFlush(alert);
    metrics.alerted(report.modelId);
    const message: DriftAlertMessage = { alertId: alert.id, modelId: alert.modelId };
    await bus.publish(driftAlertTopic(alert.organizationId), message).catch((error: unknown) => {
      logger.warn({ err: error, modelId: alert.modelId }, 'could not publish a drift alert');
    });
    return alert;
  }
}
