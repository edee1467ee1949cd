import { EntitySchema } from '@mikro-orm/core';
import { organizationFilter } from '../../../lib/organization-scope';
import type { HistogramCounts } from './latency-histogram';

/**
 * What one model served in one minute (by the predictions' own time): counts, and the latencies as a log-linear
 * histogram. Consumers add to a row with one upsert per batch (see model-metrics.store.ts), so replicas never
 * overwrite each other; a window's metrics are the sum of its minutes.
 */
export class ModelMinuteMetrics {
  organizationId!: string;
  modelId!: string;
  /** The minute's start. */
  minute!: Date;
  requests = 0;
  errors = 0;
  cacheHits = 0;
  latencyHistogram: HistogramCounts = {};
}

export const ModelMinuteMetricsSchema = new EntitySchema<ModelMinuteMetrics>({
  class: ModelMinuteMetrics,
  tableName: 'model_minute_metrics',
  filters: organizationFilter,
  properties: {
    organizationId: { type: 'uuid', primary: true },
    modelId: { type: 'uuid', primary: true },
    minute: { type: 'datetime', primary: true },
    requests: { type: 'integer' },
    errors: { type: 'integer' },
    cacheHits: { type: 'integer' },
    latencyHistogram: { type: 'json' },
  },
  indexes: [{ properties: ['minute'] }],
});
