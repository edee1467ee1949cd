/** @jest-environment ./test/onnxruntime-environment.ts */
import type { Client } from 'graphql-ws';
import { InferenceSession } from 'onnxruntime-node';
import type { FeatureSpec } from '../../ml/feature';
import { buildOnnxFeeds } from '../../ml/onnx-runtime/onnx-feeds';
import { train } from '../../ml/training/trainer';
import { startProductionTopology, type ProductionTopology } from '../support/production-topology';
import {
  connectSocket,
  countTrainingJobs,
  dataOf,
  createClassificationModel,
  endOf,
  eventually,
  getTrainingJob,
  IRIS_CSV,
  IRIS_FEATURES,
  observe,
  registerUser,
  startTrainingJob,
  uploadDataset,
  type EpochView,
  type GatewayUser,
  type JobStatus,
} from '../support/training-gateway';

const JOB_UPDATED = `
  subscription ($jobId: ID!) {
    trainingJobUpdated(jobId: $jobId) {
      job { id status epoch progress model { name owner { email } } }
      epoch { epoch loss validationLoss accuracy }
    }
  }
`;

interface JobUpdated {
  trainingJobUpdated: {
    job: {
      id: string;
      status: JobStatus;
      epoch: number;
      progress: number;
      model: { name: string; owner: { email: string } };
    };
    epoch: EpochView | null;
  };
}

/** The iris file's rows and labels in file order: what the worker reads from the uploaded dataset. */
function irisRows() {
  const lines = IRIS_CSV.trim().split('\n').slice(1);
  return {
    rows: lines.map((line) => line.split(',').slice(0, 4).map(Number)),
    target: lines.map((line) => line.split(',')[4]),
  };
}

describe('training through the gateway on the production topology', () => {
  let platform: ProductionTopology;
  /** Gateway 1 talks to registry replica 1, gateway 2 to replica 2. */
  let gateway1: string;
  let gateway2: string;
  let ada: GatewayUser;
  const sockets: Client[] = [];

  beforeAll(async () => {
    // Workers are started by the first test, once its subscriber is in place.
    platform = await startProductionTopology({ replicas: { registry: 2 } });
    gateway1 = platform.gatewayUrl;
    gateway2 = await platform.startGateway({ registry: 1 });
    ada = await registerUser(gateway1, 'ada@example.com', 'Analytical Engines');
  }, 120_000);

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await platform?.stop();
  });

  /** A short job of Ada's on a model and dataset of its own. */
  const startSmallJob = async (name: string) => {
    const started = await startTrainingJob(gateway1, ada, {
      modelId: await createClassificationModel(gateway1, ada, name),
      datasetId: await uploadDataset(gateway1, ada, name, IRIS_CSV),
      targetColumn: 'target',
      featureColumns: IRIS_FEATURES,
      algorithm: 'LOGISTIC_REGRESSION',
      hyperparameters: { epochs: 5 },
    });
    return dataOf(started).startTrainingJob.id;
  };

  const socket = (url: string, user?: GatewayUser) => {
    const client = connectSocket(url, user);
    sockets.push(client);
    return client;
  };

  it('trains iris started on one gateway, streams every epoch to another, and the ONNX file predicts as the trainer does', async () => {
    const modelId = await createClassificationModel(gateway1, ada, 'iris-classifier');
    const datasetId = await uploadDataset(gateway1, ada, 'iris', IRIS_CSV);
    // Patience equal to the epochs: early stopping cannot end the job before epoch 30.
    const hyperparameters = { epochs: 30, learningRate: 0.05, seed: 7, earlyStoppingPatience: 30 };
    const started = await startTrainingJob(gateway1, ada, {
      modelId,
      datasetId,
      targetColumn: 'target',
      featureColumns: IRIS_FEATURES,
      algorithm: 'LOGISTIC_REGRESSION',
      hyperparameters,
    });
    expect(started.errors).toBeUndefined();
    const jobId = started.data!.startTrainingJob.id;
    expect(started.data!.startTrainingJob.status).toBe('QUEUED');

    // Through gateway 2 and registry replica 2: the worker's events reach it only through Redis.
    const observed = observe<JobUpdated>(socket(gateway2, ada), JOB_UPDATED, { jobId });
    await eventually(() => expect(observed.results.length).toBeGreaterThan(0), 30_000);
    // No worker is running yet, so the subscriber sees the job from its very first change.
    const workers = await Promise.all([platform.startWorker(), platform.startWorker()]);

    expect(await endOf(observed)).toEqual({});
    const events = observed.results.map((result) => {
      expect(result.errors).toBeUndefined();
      return result.data!.trainingJobUpdated;
    });
    for (const { job } of events) {
      expect(job.id).toBe(jobId);
      // Owned by the identity subgraph: the gateway resolves it for every event.
      expect(job.model).toEqual({ name: 'iris-classifier', owner: { email: 'ada@example.com' } });
    }
    const epochs = Array.from({ length: hyperparameters.epochs }, (_, i) => i + 1);
    expect(events.map((e) => [e.job.status, e.job.epoch, e.epoch?.epoch ?? null])).toEqual([
      ['QUEUED', 0, null],
      ['RUNNING', 0, null],
      ...epochs.map((epoch) => ['RUNNING', epoch, epoch]),
      ['SUCCEEDED', hyperparameters.epochs, null],
    ]);
    for (const { job, epoch } of events.filter((e) => e.epoch)) {
      expect(job.progress).toBeCloseTo(epoch!.epoch / hyperparameters.epochs, 10);
    }
    expect(events[events.length - 1].job.progress).toBe(1);
    const streamed = events.flatMap((e) => (e.epoch ? [e.epoch] : []));

    const job = await getTrainingJob(gateway1, ada, jobId);
    expect(job).toMatchObject({
      status: 'SUCCEEDED',
      epoch: hyperparameters.epochs,
      attempt: 1,
      error: null,
    });
    expect(job.history).toEqual(streamed);
    const version = job.resultVersion!;
    expect(version).toMatchObject({
      status: 'READY',
      inputSchema: IRIS_FEATURES.map((name) => ({ name, type: 'NUMBER' })),
      outputLabels: ['setosa', 'versicolor', 'virginica'],
    });

    // Same rows in the same order, same hyperparameters and seed: the same model as the worker's.
    const { rows, target } = irisRows();
    const features: FeatureSpec[] = IRIS_FEATURES.map((name) => ({ name, type: 'NUMBER' }));
    const { model: trained } = await train(
      'LOGISTIC_REGRESSION',
      { features, rows, target },
      hyperparameters,
    );
    const onnx = await fetch(version.artifact!.downloadUrl);
    expect(onnx.status).toBe(200);
    const session = await InferenceSession.create(new Uint8Array(await onnx.arrayBuffer()));
    try {
      const outputs = await session.run(buildOnnxFeeds(features, rows));
      const probabilities = outputs.probabilities.data as Float64Array;
      trained
        .predictProba(rows)
        .forEach((expected, r) =>
          expected.forEach((p, c) =>
            expect(Math.abs(probabilities[r * expected.length + c] - p)).toBeLessThan(1e-5),
          ),
        );
      expect([...(outputs.label.data as string[])]).toEqual(trained.predict(rows));
    } finally {
      await session.release();
    }

    for (const worker of workers) {
      expect({
        worker: worker.name,
        exitCode: worker.child.exitCode,
        signal: worker.child.signalCode,
      }).toEqual({
        worker: worker.name,
        exitCode: null,
        signal: null,
      });
    }
  }, 120_000);

  it('refuses an unknown target column with BAD_USER_INPUT naming the field, and queues nothing', async () => {
    const modelId = await createClassificationModel(gateway1, ada, 'refused');
    const datasetId = await uploadDataset(gateway1, ada, 'iris-refused', IRIS_CSV);
    const before = await countTrainingJobs(gateway1, ada);

    const result = await startTrainingJob(gateway1, ada, {
      modelId,
      datasetId,
      targetColumn: 'species',
      featureColumns: IRIS_FEATURES,
      algorithm: 'LOGISTIC_REGRESSION',
    });

    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['BAD_USER_INPUT', 'input.targetColumn'],
    ]);
    expect(await countTrainingJobs(gateway1, ada)).toBe(before);
  });

  it("answers a subscription to another organization's job with NOT_FOUND and no event", async () => {
    const jobId = await startSmallJob('private');
    const grace = await registerUser(gateway1, 'grace@example.com', 'Compilers Inc');

    const owners = observe<JobUpdated>(socket(gateway2, ada), JOB_UPDATED, { jobId });
    const strangers = observe<JobUpdated>(socket(gateway2, grace), JOB_UPDATED, { jobId });

    await eventually(() => expect(owners.results.length).toBeGreaterThan(0), 30_000);
    expect(owners.results[0].data?.trainingJobUpdated.job.id).toBe(jobId);
    expect(await endOf(strangers)).toEqual({});
    expect(strangers.results).toEqual([
      {
        data: null,
        errors: [expect.objectContaining({ extensions: { code: 'NOT_FOUND' } })],
      },
    ]);
  });

  it('answers an anonymous subscription with UNAUTHENTICATED and no event', async () => {
    const jobId = await startSmallJob('anonymous');

    const anonymous = observe<JobUpdated>(socket(gateway2), JOB_UPDATED, { jobId });

    expect(await endOf(anonymous)).toEqual({});
    expect(anonymous.results).toEqual([
      {
        data: null,
        errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })],
      },
    ]);
  });
});
