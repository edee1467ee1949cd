import type { Caller } from '../../../lib/caller';
import { createLogger, type Logger } from '../../../lib/logger';
import type { EpochMetrics } from '../../../ml/training/trainer';
import {
  startTrainingWorker,
  type TrainingWorker,
} from '../../../subgraphs/registry/training-worker/training-worker';
import type { GraphQLResponse } from '../subgraph-client';
import { expectData, type RegistryHarness } from './registry';

export const JOB_FIELDS = `id algorithm status progress epoch totalEpochs targetColumn featureColumns error
  cancelRequested attempt createdAt startedAt finishedAt owner { id } model { id name } dataset { id name }
  hyperparameters { epochs learningRate batchSize hiddenLayers l2 validationSplit seed earlyStoppingPatience }
  history { epoch loss validationLoss accuracy validationAccuracy elapsedMs }
  resultVersion { id version status inputSchema { name type } outputLabels metrics referenceDistribution
    artifact { sha256 sizeBytes downloadUrl } }
  run { id status params metrics { key value step } }`;

/** A job's history holds the trainer's metrics as they are. */
export type EpochView = EpochMetrics;

export interface JobView {
  id: string;
  algorithm: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  progress: number;
  epoch: number;
  totalEpochs: number;
  targetColumn: string;
  featureColumns: string[];
  error: string | null;
  cancelRequested: boolean;
  attempt: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  hyperparameters: Record<string, unknown>;
  history: EpochView[];
  resultVersion: {
    id: string;
    version: number;
    status: string;
    inputSchema: { name: string; type: string }[];
    outputLabels: string[] | null;
    metrics: Record<string, number>;
    referenceDistribution: unknown;
    artifact: { sha256: string; sizeBytes: number; downloadUrl: string } | null;
  } | null;
  run: {
    id: string;
    status: string;
    params: Record<string, unknown>;
    metrics: { key: string; value: number }[];
  } | null;
  owner: { id: string };
  model: { id: string; name: string };
  dataset: { id: string; name: string };
}

export const START_JOB = `mutation ($input: StartTrainingJobInput!) { startTrainingJob(input: $input) { ${JOB_FIELDS} } }`;
export const GET_JOB = `query ($id: ID!) { trainingJob(id: $id) { ${JOB_FIELDS} } }`;
export const CANCEL_JOB = `mutation ($id: ID!) { cancelTrainingJob(id: $id) { ${JOB_FIELDS} } }`;

export function startJob(
  harness: RegistryHarness,
  caller: Caller,
  input: Record<string, unknown>,
): Promise<GraphQLResponse<{ startTrainingJob: JobView }>> {
  return harness.call(caller, START_JOB, { input });
}

export const getJob = async (harness: RegistryHarness, caller: Caller, id: string): Promise<JobView> =>
  (await expectData<{ trainingJob: JobView }>(harness, caller, GET_JOB, { id })).trainingJob;

/** Polls the job until it has one of `statuses` (a worker runs it meanwhile). */
export async function waitForJob(
  harness: RegistryHarness,
  caller: Caller,
  id: string,
  statuses: JobView['status'][],
  timeoutMs = 60_000,
): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(harness, caller, id);
    if (statuses.includes(job.status)) return job;
    if (Date.now() > deadline)
      throw new Error(`job ${id} is still ${job.status} (${JSON.stringify(job.error)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A training worker over the registry's database and infrastructure, as the registry process starts one. */
export function startWorker(
  harness: RegistryHarness,
  logger: Logger = createLogger('worker-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
): Promise<TrainingWorker> {
  return startTrainingWorker(harness.config, harness.subgraph.orm, harness.infrastructure, logger);
}
