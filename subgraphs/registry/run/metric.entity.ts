import { EntitySchema } from '@mikro-orm/core';
import { OrganizationEntity, organizationEntityProperties } from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';
import { Run } from './run.entity';

/** One logged value of a metric: the full history of a key is every point of the run with that key. */
export class MetricPoint extends OrganizationEntity {
  run!: Run;
  key!: string;
  value!: number;
  step!: number;
  timestamp!: Date;
}

export const MetricPointSchema = new EntitySchema<MetricPoint>({
  class: MetricPoint,
  tableName: 'metric_points',
  filters: organizationFilter,
  // metricHistory reads one key of a run in (step, timestamp) order.
  indexes: [
    {
      name: 'metric_points_run_id_key_step_timestamp_index',
      properties: ['run', 'key', 'step', 'timestamp'],
    },
  ],
  properties: {
    ...organizationEntityProperties,
    run: { kind: 'm:1', entity: () => Run, deleteRule: 'cascade' },
    key: { type: 'string', length: 250 },
    value: { type: 'double', runtimeType: 'number' },
    step: { type: 'integer' },
    timestamp: { type: 'datetime' },
  },
});

/**
 * The latest point of each metric of a run (greatest step, then timestamp, then value, as MLflow's
 * latest_metrics). Kept up to date by logMetrics, so that `Run.metrics`, searches and ordering by a metric read
 * one row per run and key instead of scanning the history.
 */
export class RunLatestMetric {
  run!: Run;
  key!: string;
  organizationId!: string;
  value!: number;
  step!: number;
  timestamp!: Date;
}

export const RunLatestMetricSchema = new EntitySchema<RunLatestMetric>({
  class: RunLatestMetric,
  tableName: 'run_latest_metrics',
  filters: organizationFilter,
  indexes: [
    {
      name: 'run_latest_metrics_organization_id_key_value_index',
      properties: ['organizationId', 'key', 'value'],
    },
  ],
  properties: {
    run: { kind: 'm:1', entity: () => Run, primary: true, deleteRule: 'cascade' },
    key: { type: 'string', length: 250, primary: true },
    organizationId: { type: 'uuid' },
    value: { type: 'double', runtimeType: 'number' },
    step: { type: 'integer' },
    timestamp: { type: 'datetime' },
  },
});
