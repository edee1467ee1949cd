import type { Caller } from '../../../lib/caller';
import { expectData, type RegistryHarness } from './registry';

export {
  errorsOf,
  expectData,
  member,
  sqlStatements,
  startRegistry,
  useRegistry,
  type RegistryHarness,
} from './registry';

export const EXPERIMENT_FIELDS = 'id name description tags createdAt';
export const RUN_FIELDS = `id status params startedAt finishedAt experiment { id }
  metrics { key value step timestamp }`;

export interface ExperimentView {
  id: string;
  name: string;
  description: string | null;
  tags: string[];
  createdAt: string;
}

export interface MetricPointView {
  key: string;
  value: number;
  step: number;
  timestamp: string;
}

export interface RunView {
  id: string;
  status: string;
  params: Record<string, unknown>;
  startedAt: string;
  finishedAt: string | null;
  experiment: { id: string };
  metrics: MetricPointView[];
}

export const CREATE_EXPERIMENT = `mutation ($input: CreateExperimentInput!) {
  createExperiment(input: $input) { ${EXPERIMENT_FIELDS} } }`;
export const CREATE_RUN = `mutation ($experimentId: ID!, $params: JSON) {
  createRun(experimentId: $experimentId, params: $params) { ${RUN_FIELDS} } }`;
export const LOG_PARAMS = `mutation ($runId: ID!, $params: JSON!) {
  logParams(runId: $runId, params: $params) { ${RUN_FIELDS} } }`;
export const LOG_METRICS = `mutation ($runId: ID!, $metrics: [MetricInput!]!) {
  logMetrics(runId: $runId, metrics: $metrics) { ${RUN_FIELDS} } }`;
export const FINISH_RUN = `mutation ($runId: ID!, $status: RunStatus!) {
  finishRun(runId: $runId, status: $status) { ${RUN_FIELDS} } }`;
export const GET_RUN = `query ($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`;

export async function createExperiment(
  harness: RegistryHarness,
  caller: Caller,
  input: Record<string, unknown>,
): Promise<ExperimentView> {
  const data = await expectData<{ createExperiment: ExperimentView }>(harness, caller, CREATE_EXPERIMENT, {
    input,
  });
  return data.createExperiment;
}

export async function createRun(
  harness: RegistryHarness,
  caller: Caller,
  experimentId: string,
  params?: Record<string, unknown>,
): Promise<RunView> {
  const data = await expectData<{ createRun: RunView }>(harness, caller, CREATE_RUN, {
    experimentId,
    params,
  });
  return data.createRun;
}

export async function logMetrics(
  harness: RegistryHarness,
  caller: Caller,
  runId: string,
  metrics: Record<string, unknown>[],
): Promise<RunView> {
  const data = await expectData<{ logMetrics: RunView }>(harness, caller, LOG_METRICS, { runId, metrics });
  return data.logMetrics;
}

export async function finishRun(
  harness: RegistryHarness,
  caller: Caller,
  runId: string,
  status = 'FINISHED',
): Promise<RunView> {
  const data = await expectData<{ finishRun: RunView }>(harness, caller, FINISH_RUN, { runId, status });
  return data.finishRun;
}
