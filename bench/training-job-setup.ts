import type { Caller } from '../lib/caller';
import { createRandom } from '../ml/training/random';
import { call, registerBenchUser } from './support/bench-user';

const FEATURES = 10;

/** A registered user with a classification model and a READY dataset to train it on. */
export interface TrainingSetup {
  token: string;
  /** The same user as the gateway tells subgraphs about it (for connections straight to a subgraph). */
  caller: Caller;
  modelId: string;
  datasetId: string;
}

/** Three classes from a noisy linear rule over `FEATURES` columns, so that training does work for every row. */
function syntheticCsv(rows: number): string {
  const random = createRandom(3);
  const weights = Array.from({ length: FEATURES * 3 }, () => random.normal());
  const lines = [[...Array.from({ length: FEATURES }, (_, i) => `x${i}`), 'label'].join(',')];
  for (let r = 0; r < rows; r++) {
    const x = Array.from({ length: FEATURES }, () => random.normal());
    const scores = [0, 1, 2].map((c) =>
      x.reduce((sum, v, i) => sum + v * weights[i * 3 + c], random.normal()),
    );
    lines.push([...x.map((v) => v.toFixed(4)), `c${scores.indexOf(Math.max(...scores))}`].join(','));
  }
  return lines.join('\n') + '\n';
}

/** Registers a user, creates a model and uploads a synthetic dataset of `rows` rows, all through the gateway. */
export async function prepareTraining(gatewayUrl: string, rows: number): Promise<TrainingSetup> {
  const { token, caller } = await registerBenchUser(gatewayUrl);
  const { createModel } = await call<{ createModel: { id: string } }>(
    gatewayUrl,
    token,
    'mutation { createModel(input: { name: "subscribed", framework: ONNX, taskType: CLASSIFICATION }) { id } }',
  );
  const { createDataset } = await call<{ createDataset: { uploadUrl: string; dataset: { id: string } } }>(
    gatewayUrl,
    token,
    'mutation { createDataset(input: { name: "synthetic" }) { uploadUrl dataset { id } } }',
  );
  const uploaded = await fetch(createDataset.uploadUrl, { method: 'PUT', body: syntheticCsv(rows) });
  if (!uploaded.ok) throw new Error(`upload failed with ${uploaded.status}`);
  await call(gatewayUrl, token, 'mutation ($id: ID!) { completeDatasetUpload(datasetId: $id) { status } }', {
    id: createDataset.dataset.id,
  });
  return {
    token,
    caller,
    modelId: createModel.id,
    datasetId: createDataset.dataset.id,
  };
}

/**
 * Starts a job of exactly `epochs` epochs of logistic regression. With no worker running it stays QUEUED until
 * one starts.
 */
export async function startTrainingJob(
  gatewayUrl: string,
  setup: TrainingSetup,
  epochs: number,
): Promise<string> {
  const { startTrainingJob } = await call<{ startTrainingJob: { id: string } }>(
    gatewayUrl,
    setup.token,
    `mutation ($input: StartTrainingJobInput!) { startTrainingJob(input: $input) { id } }`,
    {
      input: {
        modelId: setup.modelId,
        datasetId: setup.datasetId,
        targetColumn: 'label',
        algorithm: 'LOGISTIC_REGRESSION',
        // A patience above the epoch count: early stopping must not shorten the run.
        hyperparameters: { epochs, batchSize: 64, earlyStoppingPatience: epochs + 1 },
      },
    },
  );
  return startTrainingJob.id;
}
