import type { AuthenticatedCaller } from '../../../lib/caller';
import { errors } from '../../../lib/errors';
import { scopedEntityManager } from '../../../lib/organization-scope';
import { DriftAlerts } from '../drift-alert/drift-alerts';
import { defaultDriftPolicy, DriftPolicy } from '../drift-policy/drift-policy.entity';
import { computeReport } from './drift-computation';
import { DriftState } from './drift-state.entity';
import type { DriftReport } from './drift-report.entity';
import type { DriftRuntime } from './drift-runtime';
import { driftReportTopic, type DriftReportMessage } from './drift-topics';
import { readWindow } from './drift-window';
import { PlatformClient } from './platform-client';
import { ReferenceSamples } from './reference-samples';

/**
 * Computes a model's drift report, records it, and tells everyone: the report on the model's topic, an alert
 * (with auto-retrain's decision) when it drifted. The same path for a due window (the stream consumer) and for
 * `computeDrift`.
 */
export class DriftReporter {
  constructor(private readonly runtime: DriftRuntime) {}

  async report(caller: AuthenticatedCaller, modelId: string): Promise<DriftReport> {
    const { orm, config, bus, metrics, logger } = this.runtime;
    const em = scopedEntityManager(orm, caller);
    const policy = (await em.findOne(DriftPolicy, { modelId })) ?? defaultDriftPolicy;
    const window = await readWindow(em, caller.organizationId, modelId, policy.windowSize);
    if (!window || !window.rows.length)
      throw errors.conflict(`Model ${modelId} has no predictions in its drift window yet`);
    const platform = new PlatformClient(config, caller);
    const reference = await new ReferenceSamples(em, platform).forVersion(window.versionId);
    const report = computeReport(caller.organizationId, modelId, window, reference, policy);
    await em.persistAndFlush(report);
    await em.nativeUpdate(
      DriftState,
      { modelId, organizationId: caller.organizationId },
      { latestReportId: report.id },
    );
    metrics.reported(report);
    const message: DriftReportMessage = { reportId: report.id };
    await bus.publish(driftReportTopic(modelId), message).catch((error: unknown) => {
      logger.warn({ err: error, modelId }, 'could not publish a drift report');
    });
    if (report.drifted) await new DriftAlerts(this.runtime).raise(report);
    return report;
  }
}
