import { Counter, Histogram } from 'prom-client';
import type { ServiceMetrics } from '../../../lib/metrics';
import type { ModelRunObserver } from '../serving/model-sessions';
import type { PredictionCacheLevel } from './prediction-cache';

/** The inference series of `/metrics`, per deployment (and model, to read them without a join). */
export class PredictionMetrics {
  readonly duration: Histogram<'deployment' | 'model'>;
  readonly rows: Counter<'deployment' | 'model'>;
  readonly failedRows: Counter<'deployment' | 'model'>;
  readonly cacheHits: Counter<'deployment' | 'model' | 'level'>;
  readonly batchSize: Histogram<'deployment'>;
  readonly eventsDropped: Counter;

  constructor({ registry }: ServiceMetrics) {
    const registers = [registry];
    this.duration = new Histogram({
      name: 'mlaas_prediction_duration_seconds',
      help: 'Time of a predict or predictBatch call, cache lookup and model run, by deployment',
      labelNames: ['deployment', 'model'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.rows = new Counter({
      name: 'mlaas_prediction_rows_total',
      help: 'Rows predicted (cached, computed or failed), by deployment',
      labelNames: ['deployment', 'model'],
      registers,
    });
    // Apart from `rows`, so that a prediction error rate is a ratio of two counters (the dashboards' alert).
    this.failedRows = new Counter({
      name: 'mlaas_prediction_failed_rows_total',
      help: 'Rows of calls that failed (bad input, a model that cannot load), by deployment',
      labelNames: ['deployment', 'model'],
      registers,
    });
    this.cacheHits = new Counter({
      name: 'mlaas_prediction_cache_hits_total',
      help: 'Rows answered from the prediction cache, by deployment and level (MEMORY, REDIS)',
      labelNames: ['deployment', 'model', 'level'],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'mlaas_prediction_micro_batch_size',
      help: 'Rows of each micro-batch of single predictions, by deployment',
      labelNames: ['deployment'],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers,
    });
    this.eventsDropped = new Counter({
      name: 'mlaas_prediction_events_dropped_total',
      help: 'Prediction events dropped: the in-process queue was full or the stream refused them',
      registers,
    });
  }

  /** One call's rows: how long it took and where its answers came from. */
  recordCall(
    labels: { deployment: string; model: string },
    seconds: number,
    levels: readonly (PredictionCacheLevel | null)[],
  ): void {
    this.duration.observe(labels, seconds);
    this.rows.inc(labels, levels.length);
    for (const level of ['MEMORY', 'REDIS'] as const) {
      const hits = levels.filter((found) => found === level).length;
      if (hits) this.cacheHits.inc({ ...labels, level }, hits);
    }
  }

  /** Micro-batch sizes, as the replica's model sessions see them. */
  readonly sessionObserver: ModelRunObserver = {
    onBatch: (deploymentId, size) => this.batchSize.observe({ deployment: deploymentId }, size),
  };
}
