import { Counter, Gauge } from 'prom-client';
import type { ServiceMetrics } from '../../../lib/metrics';
import type { DriftReport } from './drift-report.entity';

/** The drift series of the observability service's `/metrics` (names are what dashboards and alert rules use). */
export class DriftMetrics {
  private readonly psi: Gauge<'model_id' | 'feature'>;
  private readonly reports: Counter<'model_id'>;
  private readonly alerts: Counter<'model_id'>;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.psi = new Gauge({
      name: 'mlaas_drift_psi',
      help: 'PSI of each feature in the latest drift report of a model',
      labelNames: ['model_id', 'feature'],
      registers,
    });
    this.reports = new Counter({
      name: 'mlaas_drift_reports_total',
      help: 'Drift reports computed',
      labelNames: ['model_id'],
      registers,
    });
    this.alerts = new Counter({
      name: 'mlaas_drift_alerts_total',
      help: 'Drift alerts raised (reports that drifted)',
      labelNames: ['model_id'],
      registers,
    });
  }

  reported(report: DriftReport): void {
    this.reports.inc({ model_id: report.modelId });
    for (const feature of report.features)
      this.psi.set({ model_id: report.modelId, feature: feature.feature }, feature.psi);
  }

  alerted(modelId: string): void {
    this.alerts.inc({ model_id: modelId });
  }
}
