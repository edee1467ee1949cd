/** @jest-environment ./test/onnxruntime-environment.ts */
import { readFileSync } from 'node:fs';
import { InferenceSession } from 'onnxruntime-node';
import { createLogger } from '../../../../lib/logger';
import { runTrainingJob } from '../job-runner';
import { buildOnnxFeeds } from '../../../../ml/onnx-runtime/onnx-feeds';
import { train } from '../../../../ml/training/trainer';
import { datasetFixturePath, loadFixture } from '../../../../test/fixtures/datasets';
import { trainingRunnerDependencies, type TrainingWorker } from '../training-worker';
import { readyDataset } from '../../../../test/support/harness/dataset';
import {
  createModel,
  member,
  startRegistry,
  type RegistryHarness,
} from '../../../../test/support/harness/registry';
import {
  CANCEL_JOB,
  getJob,
  startJob,
  startWorker,
  waitForJob,
  type JobView,
} from '../../../../test/support/harness/training-job';

const IRIS_FEATURES = ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'];

/** The version's ONNX file, downloaded through its presigned URL as a client would, run in onnxruntime. */
async function runOnnx(job: JobView, rows: (number | string | null)[][]) {
  const bytes = new Uint8Array(await (await fetch(job.resultVersion!.artifact!.downloadUrl)).arrayBuffer());
  const session = await InferenceSession.create(bytes);
  try {
    const features = job.resultVersion!.inputSchema.map((f) => ({ name: f.name, type: f.type as 'NUMBER' }));
    return await session.run(buildOnnxFeeds(features, rows));
  } finally {
    await session.release();
  }
}

describe.each(['postgresql', 'sqlite'] as const)('training jobs run by a worker (%s)', (dialect) => {
  let registry: RegistryHarness;
  let worker: TrainingWorker;
  const owner = member('OWNER');

  /** A new model and iris dataset named `name`, and a job on them with the 4 measurements as features. */
  async function startIrisJob(name: string, algorithm: string, hyperparameters: Record<string, unknown>) {
    const model = await createModel(registry, owner, { name });
    const dataset = await readyDataset(
      registry,
      owner,
      `${name}-data`,
      readFileSync(datasetFixturePath('iris')),
    );
    const started = await startJob(registry, owner, {
      modelId: model.id,
      datasetId: dataset.id,
      targetColumn: 'target',
      featureColumns: IRIS_FEATURES,
      algorithm,
      hyperparameters,
    });
    expect(started.errors).toBeUndefined();
    return { modelId: model.id, id: started.data!.startTrainingJob.id };
  }

  beforeAll(async () => {
    registry = await startRegistry({ dialect });
    worker = await startWorker(registry);
  });
  afterAll(async () => {
    await worker?.stop();
    await registry?.stop();
  });

  it('trains iris, registers a READY version and a run, and the ONNX file predicts as the trainer does', async () => {
    const model = await createModel(registry, owner, { name: 'iris' });
    const dataset = await readyDataset(registry, owner, 'iris', readFileSync(datasetFixturePath('iris')));
    const hyperparameters = { epochs: 40, learningRate: 0.05, seed: 7 };
    const started = await startJob(registry, owner, {
      modelId: model.id,
      datasetId: dataset.id,
      targetColumn: 'target',
      featureColumns: IRIS_FEATURES,
      algorithm: 'LOGISTIC_REGRESSION',
      hyperparameters,
    });
    expect(started.errors).toBeUndefined();
    const job = await waitForJob(registry, owner, started.data!.startTrainingJob.id, ['SUCCEEDED', 'FAILED']);
    expect(job).toMatchObject({ status: 'SUCCEEDED', progress: 1, attempt: 1, error: null });
    expect(job.history.map((e) => e.epoch)).toEqual(Array.from({ length: job.epoch }, (_, i) => i + 1));
    expect(job.history[job.history.length - 1].validationAccuracy).toBeGreaterThan(0.8);

    const version = job.resultVersion!;
    expect(version).toMatchObject({
      version: 1,
      status: 'READY',
      inputSchema: IRIS_FEATURES.map((name) => ({ name, type: 'NUMBER' })),
      outputLabels: ['setosa', 'versicolor', 'virginica'],
    });
    expect(version.metrics.validationAccuracy).toBeGreaterThan(0.8);
    const distribution = version.referenceDistribution as { features: { name: string }[] };
    expect(distribution.features.map((f) => f.name)).toEqual(IRIS_FEATURES);

    expect(job.run).toMatchObject({ status: 'FINISHED' });
    expect(job.run!.params).toMatchObject({
      algorithm: 'LOGISTIC_REGRESSION',
      trainingJobId: job.id,
      epochs: 40,
    });
    expect(job.run!.metrics.map((m) => m.key).sort()).toEqual(
      ['accuracy', 'loss', 'validation_accuracy', 'validation_loss'].sort(),
    );

    // Same data, same seed, same model: the trainer run here must agree with the file to 1e-5.
    const fixture = loadFixture('iris', 'label');
    const all = [...fixture.train.rows, ...fixture.test.rows];
    const csv = readFileSync(datasetFixturePath('iris'), 'utf8').trim().split('\n').slice(1);
    const rows = csv.map((line) => line.split(',').slice(0, 4).map(Number));
    const target = csv.map((line) => line.split(',')[4]);
    const { model: trained } = await train(
      'LOGISTIC_REGRESSION',
      { features: fixture.train.features, rows, target },
      hyperparameters,
    );
    const outputs = await runOnnx(job, all);
    const expected = trained.predictProba(all);
    const probabilities = outputs.probabilities.data as Float64Array;
    expected.forEach((row, r) =>
      row.forEach((p, c) => expect(Math.abs(probabilities[r * row.length + c] - p)).toBeLessThan(1e-5)),
    );
    expect([...(outputs.label.data as string[])]).toEqual(trained.predict(all));
  });

  it('trains a regressor and records R² on the validation rows', async () => {
    const model = await createModel(registry, owner, { name: 'regression', taskType: 'REGRESSION' });
    const file = readFileSync(datasetFixturePath('regression'), 'utf8');
    const header = file.slice(0, file.indexOf('\n')).split(',');
    const dataset = await readyDataset(registry, owner, 'regression', file);
    const started = await startJob(registry, owner, {
      modelId: model.id,
      datasetId: dataset.id,
      targetColumn: 'target',
      featureColumns: header.slice(0, -2),
      algorithm: 'LINEAR_REGRESSION',
      hyperparameters: { epochs: 15 },
    });
    const job = await waitForJob(registry, owner, started.data!.startTrainingJob.id, ['SUCCEEDED', 'FAILED']);
    expect(job.error).toBeNull();
    expect(job.resultVersion!.outputLabels).toBeNull();
    expect(job.resultVersion!.metrics.validationR2).toBeGreaterThan(0.9);
    expect(job.history.every((e) => e.accuracy === null)).toBe(true);
  });

  it('cancels a running job: it stops within an epoch of the cancel and registers nothing', async () => {
    const { modelId, id } = await startIrisJob('cancelled', 'MLP_CLASSIFIER', {
      epochs: 10_000,
      earlyStoppingPatience: 1000,
      hiddenLayers: [256, 256],
      batchSize: 4,
    });
    for (;;) {
      const job = await getJob(registry, owner, id);
      if (job.epoch >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cancel = await registry.call<{ cancelTrainingJob: JobView }>(owner, CANCEL_JOB, { id });
    const atCancel = cancel.data!.cancelTrainingJob;
    expect(atCancel).toMatchObject({ status: 'RUNNING', cancelRequested: true });
    const job = await waitForJob(registry, owner, id, ['CANCELLED', 'FAILED', 'SUCCEEDED']);
    expect(job.status).toBe('CANCELLED');
    expect(job.epoch - atCancel.epoch).toBeLessThanOrEqual(1);
    expect(job.resultVersion).toBeNull();
    const versions = await registry.call<{ model: { versions: unknown[] } }>(
      owner,
      `query ($id: ID!) { model(id: $id) { versions { id } } }`,
      { id: modelId },
    );
    expect(versions.data!.model.versions).toEqual([]);
  });

  it('keeps one run of a job when a second worker is handed it while it runs (a lost queue lock)', async () => {
    const job = await startIrisJob('twice', 'LOGISTIC_REGRESSION', {
      epochs: 150,
      earlyStoppingPatience: 1000,
    });
    while ((await getJob(registry, owner, job.id)).epoch < 5) await new Promise((r) => setTimeout(r, 5));
    // What the queue does when a live worker's lock runs out: another worker gets the same job.
    const logger = createLogger('second-worker', process.env.TEST_LOG_LEVEL ?? 'silent');
    const deps = trainingRunnerDependencies(
      registry.config,
      registry.subgraph.orm,
      registry.infrastructure,
      logger,
    );
    await runTrainingJob(deps, { id: job.id, attempt: 2 });
    const final = await waitForJob(registry, owner, job.id, ['SUCCEEDED', 'FAILED', 'CANCELLED']);
    expect(final).toMatchObject({ status: 'SUCCEEDED', attempt: 2, epoch: 150 });
    expect(final.history.map((e) => e.epoch)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    const versions = await registry.call<{ model: { versions: { status: string }[] } }>(
      owner,
      `query ($id: ID!) { model(id: $id) { versions { status } } }`,
      { id: job.modelId },
    );
    // The superseded run registered nothing READY.
    expect(versions.data!.model.versions.filter((v) => v.status === 'READY')).toHaveLength(1);
  });

  it('hands a running job back to the queue when its worker stops, without spending an attempt', async () => {
    const { id } = await startIrisJob('handed-back', 'MLP_CLASSIFIER', {
      epochs: 10_000,
      validationSplit: 0,
      hiddenLayers: [128, 128],
      batchSize: 4,
    });
    while ((await getJob(registry, owner, id)).epoch < 2) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect(await getJob(registry, owner, id)).toMatchObject({ status: 'QUEUED', attempt: 0 });

    worker = await startWorker(registry);
    let resumed = await getJob(registry, owner, id);
    while (resumed.epoch < 1) resumed = await getJob(registry, owner, id);
    expect(resumed).toMatchObject({ status: 'RUNNING', attempt: 1 });
    await registry.call(owner, CANCEL_JOB, { id });
    expect(await waitForJob(registry, owner, id, ['CANCELLED', 'FAILED', 'SUCCEEDED'])).toMatchObject({
      status: 'CANCELLED',
    });
  });

  it('fails a job whose data cannot train the model, with the reason, and registers nothing', async () => {
    const model = await createModel(registry, owner, { name: 'too-small' });
    // One row per class and a validation split leave fewer than 2 training rows.
    const dataset = await readyDataset(registry, owner, 'tiny', 'x,y\n1,a\n2,b\n');
    const started = await startJob(registry, owner, {
      modelId: model.id,
      datasetId: dataset.id,
      targetColumn: 'y',
      algorithm: 'LOGISTIC_REGRESSION',
      hyperparameters: { validationSplit: 0.5 },
    });
    const job = await waitForJob(registry, owner, started.data!.startTrainingJob.id, ['FAILED', 'SUCCEEDED']);
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(/at least 2 training rows/);
    expect(job.resultVersion).toBeNull();
  });
});
