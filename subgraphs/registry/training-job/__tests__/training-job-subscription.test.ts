import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { datasetFixturePath } from '../../../../test/fixtures/datasets';
import { readFileSync } from 'node:fs';
import { signCaller, WEBSOCKET_BINDING, type Caller } from '../../../../lib/caller';
import { TEST_INTERNAL_SECRET } from '../../../../test/support/subgraph-client';
import type { TrainingWorker } from '../../training-worker/training-worker';
import { readyDataset } from '../../../../test/support/harness/dataset';
import {
  createModel,
  member,
  startRegistry,
  type RegistryHarness,
} from '../../../../test/support/harness/registry';
import { getJob, startJob, startWorker, waitForJob } from '../../../../test/support/harness/training-job';

const iris = readFileSync(datasetFixturePath('iris'));
const SUBSCRIPTION = `subscription ($id: ID!) {
  trainingJobUpdated(jobId: $id) { job { id status epoch } epoch { epoch } } }`;

interface Event {
  job: { id: string; status: string; epoch: number };
  epoch: { epoch: number } | null;
}

/** Every event of one subscription, straight to the registry with a caller signed as the gateway signs it. */
function collect(url: string, caller: Caller, jobId: string) {
  const client: Client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: signCaller(TEST_INTERNAL_SECRET, caller, {
      audience: 'registry',
      request: WEBSOCKET_BINDING,
    }),
    retryAttempts: 0,
  });
  const events: Event[] = [];
  const done = new Promise<{ events: Event[]; errors: unknown[] }>((resolve) => {
    const errors: unknown[] = [];
    client.subscribe<{ trainingJobUpdated: Event }>(
      { query: SUBSCRIPTION, variables: { id: jobId } },
      {
        next: (result) => {
          if (result.errors) errors.push(...result.errors);
          if (result.data) events.push(result.data.trainingJobUpdated);
        },
        error: (error) => {
          errors.push(error);
          resolve({ events, errors });
        },
        complete: () => resolve({ events, errors }),
      },
    );
  });
  return { events, done: done.finally(() => client.dispose()) };
}

describe('registry: trainingJobUpdated', () => {
  let registry: RegistryHarness;
  let worker: TrainingWorker | undefined;
  const owner = member('OWNER');
  let modelId: string;
  let datasetId: string;
  const input = (epochs: number) => ({
    modelId,
    datasetId,
    targetColumn: 'target',
    featureColumns: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'],
    algorithm: 'LOGISTIC_REGRESSION',
    hyperparameters: { epochs, earlyStoppingPatience: 1000 },
  });

  beforeAll(async () => {
    registry = await startRegistry({ dialect: 'postgresql' }, { subscriptionRecheckMs: 300 });
    modelId = (await createModel(registry, owner, { name: 'watched' })).id;
    datasetId = (await readyDataset(registry, owner, 'iris', iris)).id;
  });
  afterAll(async () => {
    await worker?.stop();
    await registry?.stop();
  });

  it('sends the current state, then every epoch and status change in order, and completes when the job ends', async () => {
    const job = (await startJob(registry, owner, input(25))).data!.startTrainingJob;
    const watching = collect(registry.subgraph.url, owner, job.id);
    // The first event is the QUEUED job: no worker runs yet.
    while (watching.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    worker = await startWorker(registry);
    const { events, errors } = await watching.done;
    expect(errors).toEqual([]);
    expect(events[0]).toEqual({ job: { id: job.id, status: 'QUEUED', epoch: 0 }, epoch: null });
    expect(events[1]).toEqual({ job: { id: job.id, status: 'RUNNING', epoch: 0 }, epoch: null });
    const epochs = events.slice(2, -1);
    expect(epochs.map((e) => e.epoch!.epoch)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(epochs.every((e) => e.job.epoch === e.epoch!.epoch && e.job.status === 'RUNNING')).toBe(true);
    expect(events[events.length - 1]).toEqual({
      job: { id: job.id, status: 'SUCCEEDED', epoch: 25 },
      epoch: null,
    });
  });

  it('gives a subscriber that joins after the end the final state, then completes', async () => {
    const job = (await startJob(registry, owner, input(3))).data!.startTrainingJob;
    await waitForJob(registry, owner, job.id, ['SUCCEEDED']);
    const { events, errors } = await collect(registry.subgraph.url, owner, job.id).done;
    expect(errors).toEqual([]);
    expect(events).toEqual([{ job: { id: job.id, status: 'SUCCEEDED', epoch: 3 }, epoch: null }]);
    expect((await getJob(registry, owner, job.id)).history).toHaveLength(3);
  });

  it('unsubscribes from the bus as soon as the client leaves, even while the job is quiet', async () => {
    await worker?.stop();
    worker = undefined;
    const job = (await startJob(registry, owner, input(5))).data!.startTrainingJob; // no worker: stays QUEUED
    const client = createClient({
      url: registry.subgraph.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: signCaller(TEST_INTERNAL_SECRET, owner, {
        audience: 'registry',
        request: WEBSOCKET_BINDING,
      }),
      retryAttempts: 0,
    });
    let events = 0;
    client.subscribe(
      { query: SUBSCRIPTION, variables: { id: job.id } },
      { next: () => void events++, error: () => undefined, complete: () => undefined },
    );
    while (events === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // The in-memory bus's listeners are the subscriptions it holds.
    const bus = registry.infrastructure.bus as unknown as { emitter: NodeJS.EventEmitter };
    expect(bus.emitter.listenerCount(`training-job:${job.id}`)).toBe(1);
    await client.dispose();
    const deadline = Date.now() + 2000;
    while (bus.emitter.listenerCount(`training-job:${job.id}`) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(bus.emitter.listenerCount(`training-job:${job.id}`)).toBe(0);
  });

  it('reads the job again when the bus stays quiet, so a lost event never stalls the stream', async () => {
    const job = (await startJob(registry, owner, input(5))).data!.startTrainingJob; // no worker runs it
    const watching = collect(registry.subgraph.url, owner, job.id);
    while (watching.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // A change committed without its event, as when a publish fails.
    await registry.subgraph.orm.em
      .fork()
      .getConnection()
      .execute(
        `update registry.training_jobs set status = 'CANCELLED', revision = revision + 1, finished_at = now() where id = ?`,
        [job.id],
      );
    const { events, errors } = await watching.done;
    expect(errors).toEqual([]);
    expect(events.map((e) => e.job.status)).toEqual(['QUEUED', 'CANCELLED']);
  });

  it('answers NOT_FOUND to a caller of another organization, and sends nothing', async () => {
    const job = (await startJob(registry, owner, input(2))).data!.startTrainingJob;
    const { events, errors } = await collect(registry.subgraph.url, member('OWNER'), job.id).done;
    expect(events).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    ]);
  });
});
