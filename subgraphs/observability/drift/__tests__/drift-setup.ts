import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AuthenticatedCaller } from '../../../../lib/caller';
import { PREDICTION_STREAM, type PredictionEvent } from '../../../../lib/stream/prediction-stream';
import { datasetFixturePath } from '../../../../test/fixtures/datasets';
import { readyDataset } from '../../../../test/support/harness/dataset';
import { createModel, expectData, type RegistryHarness } from '../../../../test/support/harness/registry';
import type { SubgraphHarness } from '../../../../test/support/harness/subgraph';
import { startJob, waitForJob } from '../../../../test/support/harness/training-job';

export const IRIS_FEATURES = ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'];
const IRIS = readFileSync(datasetFixturePath('iris'), 'utf8');

/** The iris rows by feature name, in file order. */
export const irisRows: Record<string, number>[] = IRIS.trim()
  .split('\n')
  .slice(1)
  .map((line) => Object.fromEntries(IRIS_FEATURES.map((name, i) => [name, Number(line.split(',')[i])])));

/** Rows spread over the whole file (it is sorted by species): a window like the training data. */
export const likeTraining = (count: number) =>
  Array.from({ length: count }, (_, i) => irisRows[Math.floor((i * irisRows.length) / count)]);

/** The same rows with every petal 4 cm longer: drift any test sees. */
export const shifted = (count: number) =>
  likeTraining(count).map((row) => ({ ...row, petal_length_cm: row.petal_length_cm + 4 }));

export interface TrainedModel {
  modelId: string;
  versionId: string;
  datasetId: string;
  jobId: string;
}

/** A model of the caller's organization trained on iris by the registry's worker (a few epochs). */
export async function trainIris(
  registry: RegistryHarness,
  caller: AuthenticatedCaller,
): Promise<TrainedModel> {
  const model = await createModel(registry, caller, {
    name: `iris-${randomUUID().slice(0, 8)}`,
    framework: 'MLAAS',
    taskType: 'CLASSIFICATION',
  });
  const dataset = await readyDataset(registry, caller, `iris-${randomUUID().slice(0, 8)}`, IRIS);
  const started = await startJob(registry, caller, {
    modelId: model.id,
    datasetId: dataset.id,
    targetColumn: 'target',
    featureColumns: IRIS_FEATURES,
    algorithm: 'LOGISTIC_REGRESSION',
    hyperparameters: { epochs: 3 },
  });
  if (started.errors) throw new Error(JSON.stringify(started.errors));
  const job = await waitForJob(registry, caller, started.data!.startTrainingJob.id, ['SUCCEEDED', 'FAILED']);
  const answer = await expectData<{ trainingJob: { resultVersion: { id: string } | null } }>(
    registry,
    caller,
    'query ($id: ID!) { trainingJob(id: $id) { resultVersion { id } } }',
    { id: job.id },
  );
  if (!answer.trainingJob.resultVersion) throw new Error(`training failed: ${job.error}`);
  return {
    modelId: model.id,
    versionId: answer.trainingJob.resultVersion.id,
    datasetId: dataset.id,
    jobId: job.id,
  };
}

/** Prediction events as inference appends them, one per row. */
export function predictionEvents(
  model: { organizationId: string; modelId: string; versionId: string },
  rows: Record<string, number | string | null>[],
  overrides: Partial<PredictionEvent> = {},
): PredictionEvent[] {
  return rows.map((features) => ({
    eventId: randomUUID(),
    organizationId: model.organizationId,
    modelId: model.modelId,
    versionId: model.versionId,
    deploymentId: randomUUID(),
    features,
    output: { label: 'setosa', value: null, probabilities: null },
    latencyMs: 1,
    cacheHit: false,
    cachedIn: null,
    error: null,
    time: new Date().toISOString(),
    ...overrides,
  }));
}

export function appendPredictions(observability: SubgraphHarness, events: PredictionEvent[]): Promise<void> {
  return observability.infrastructure.eventStream.append(PREDICTION_STREAM, events);
}
