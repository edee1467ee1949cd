import { Collection, EntitySchema } from '@mikro-orm/core';
import { OrganizationEntity, organizationEntityProperties } from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';
import { Experiment } from '../experiment/experiment.entity';
import type { RunLatestMetric } from './metric.entity';

/** MLflow's run statuses; a run starts RUNNING and ends once in one of the others. */
export const runStatuses = ['RUNNING', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof runStatuses)[number];

/** One execution of training code inside an experiment, with its params and metrics. */
export class Run extends OrganizationEntity {
  experiment!: Experiment;
  status: RunStatus = 'RUNNING';
  startedAt: Date = new Date();
  finishedAt: Date | null = null;
  /** Only joined by run searches (filter and order); never loaded as a collection. */
  paramEntries = new Collection<RunParam>(this);
  latestMetrics = new Collection<RunLatestMetric>(this);
}

export const RunSchema = new EntitySchema<Run>({
  class: Run,
  tableName: 'runs',
  filters: organizationFilter,
  // Run searches read one experiment's runs, newest first by default.
  indexes: [
    { name: 'runs_experiment_id_started_at_id_index', properties: ['experiment', 'startedAt', 'id'] },
  ],
  properties: {
    ...organizationEntityProperties,
    experiment: { kind: 'm:1', entity: () => Experiment, deleteRule: 'cascade' },
    status: { enum: true, items: () => [...runStatuses], default: 'RUNNING' },
    startedAt: { type: 'datetime' },
    finishedAt: { type: 'datetime', nullable: true },
    paramEntries: { kind: '1:m', entity: () => RunParam, mappedBy: 'run' },
    latestMetrics: { kind: '1:m', entity: 'RunLatestMetric', mappedBy: 'run' },
  },
});

export const paramKinds = ['STRING', 'NUMBER', 'BOOLEAN'] as const;
export type ParamKind = (typeof paramKinds)[number];

/**
 * One param of a run. Params are immutable once logged (as in MLflow). The value is kept as text (what `=`
 * compares), with its JSON type to give it back as it was logged, and as a number when it reads as one, so that
 * `params.epochs > 5` compares numerically.
 */
export class RunParam {
  run!: Run;
  key!: string;
  organizationId!: string;
  value!: string;
  kind!: ParamKind;
  numberValue: number | null = null;
}

export const RunParamSchema = new EntitySchema<RunParam>({
  class: RunParam,
  tableName: 'run_params',
  filters: organizationFilter,
  // Run searches look params up by key and value within the organization.
  indexes: [
    { name: 'run_params_organization_id_key_value_index', properties: ['organizationId', 'key', 'value'] },
    {
      name: 'run_params_organization_id_key_number_value_index',
      properties: ['organizationId', 'key', 'numberValue'],
    },
  ],
  properties: {
    run: { kind: 'm:1', entity: () => Run, primary: true, deleteRule: 'cascade' },
    key: { type: 'string', length: 250, primary: true },
    organizationId: { type: 'uuid' },
    value: { type: 'string', length: 500 },
    kind: { enum: true, items: () => [...paramKinds] },
    numberValue: { type: 'double', runtimeType: 'number', nullable: true },
  },
});
