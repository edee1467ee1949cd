/** @jest-environment ./test/onnxruntime-environment.ts */
import { createLogger } from '../../../lib/logger';
import { startSubgraph, type StartedSubgraph } from '../../../lib/start-subgraph';
import { linearRegressionOnnx } from '../../../test/fixtures/onnx/sklearn';
import {
  deploy,
  PREDICT,
  PREDICT_BATCH,
  useInference,
  type PredictionView,
} from '../../../test/support/harness/inference';
import {
  createModel,
  dataOf,
  member,
  uploadVersion,
  useRegistry,
} from '../../../test/support/harness/version';
import { createTestRedis } from '../../../test/support/redis';
import { callSubgraph, type SubgraphTarget } from '../../../test/support/subgraph-client';
import type { AuthenticatedCaller } from '../../../lib/caller';
import { createInferenceModule } from '../module';
import { PREDICTION_STREAM, type PredictionEvent } from '../prediction/prediction-events';
import { scrapeMetrics } from '../../../test/support/metrics';

/** Polls the async `check` until it passes, failing with its last error after `timeoutMs`. */
async function eventuallyAsync<T>(check: () => Promise<T>, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** The value of a Prometheus sample with these labels (in any order, the service's among them), if any. */
function sampleOf(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && wanted.every((pair) => l.includes(pair)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('inference: prediction cache, events and metrics on Redis and PostgreSQL', () => {
  const testRedis = createTestRedis('prediction-cache');
  const registry = useRegistry({ dialect: 'postgresql' });
  const inference = useInference(registry, {
    REDIS_URL: testRedis.url,
    REDIS_KEY_PREFIX: testRedis.prefix,
  });
  const owner = member('OWNER');
  let second: StartedSubgraph;

  beforeAll(async () => {
    // Another replica: its own memory (L1), the same database, bus, Redis and stream.
    second = await startSubgraph(createInferenceModule(), {
      config: inference.config,
      infrastructure: inference.infrastructure,
      logger: createLogger('cache-replica', process.env.TEST_LOG_LEVEL ?? 'silent'),
      port: 0,
    });
  });
  afterAll(async () => {
    await second?.stop();
    await testRedis.cleanup();
  });

  /** A REGRESSION model, y = 0.5·f0 + 1.5·f1 + 2.5·f2 + 3.5·f3 + 1.5, deployed. */
  async function deployed(caller: AuthenticatedCaller = owner, cacheTtlSeconds?: number) {
    const model = await createModel(registry, caller, {
      name: `lr-${Math.random()}`,
      taskType: 'REGRESSION',
    });
    const version = await uploadVersion(registry, caller, model.id, linearRegressionOnnx({ features: 4 }));
    const deployment = await deploy(inference, caller, model.id, undefined, cacheTtlSeconds);
    expect(deployment.status).toBe('READY');
    return { model, version, deployment };
  }

  const predictOn = async (
    target: SubgraphTarget,
    caller: AuthenticatedCaller,
    modelId: string,
    input: object,
  ) =>
    dataOf(await callSubgraph<{ predict: PredictionView }>(target, caller, PREDICT, { modelId, input }))
      .predict;
  const predict = (caller: AuthenticatedCaller, modelId: string, input: object) =>
    predictOn(inference.subgraph, caller, modelId, input);

  it('answers a repeated row from memory, given by position or by name alike, and keeps its version', async () => {
    const { model, version } = await deployed();
    const first = await predict(owner, model.id, { features: [1, 2, 3, 4] });
    expect(first).toMatchObject({ cacheHit: false, cachedIn: null });
    const again = await predict(owner, model.id, { named: { f3: 4, f2: 3, f1: 2, f0: 1 } });
    expect(again).toMatchObject({ cacheHit: true, cachedIn: 'MEMORY', modelVersion: { id: version.id } });
    expect(again.value).toBe(first.value);
    expect(again.latencyMs).toBeGreaterThan(0);
  });

  it('gives another replica the row one computed, from Redis, then from its own memory', async () => {
    const { model } = await deployed();
    const input = { features: [4, 3, 2, 1] };
    const computed = await predict(owner, model.id, input);
    expect(computed.cachedIn).toBeNull();
    const fromRedis = await eventuallyAsync(async () => {
      const answer = await predictOn(second, owner, model.id, input);
      expect(answer.cachedIn).toBe('REDIS');
      return answer;
    });
    expect(fromRedis.value).toBe(computed.value);
    expect((await predictOn(second, owner, model.id, input)).cachedIn).toBe('MEMORY');
  });

  it('runs only the rows of a batch it has not answered before', async () => {
    const { model } = await deployed();
    await predict(owner, model.id, { features: [0, 0, 0, 1] });
    const inputs = [
      { features: [0, 0, 0, 2] },
      { features: [0, 0, 0, 1] },
      { named: { f0: 0, f1: 0, f2: 0, f3: 2 } },
    ];
    const answer = await inference.call<{ predictBatch: PredictionView[] }>(owner, PREDICT_BATCH, {
      modelId: model.id,
      inputs,
    });
    const rows = dataOf(answer).predictBatch;
    expect(rows.map((row) => row.cachedIn)).toEqual([null, 'MEMORY', null]);
    expect(rows.map((row) => row.value)).toEqual([8.5, 5, 8.5]);
    const batchAgain = await inference.call<{ predictBatch: PredictionView[] }>(owner, PREDICT_BATCH, {
      modelId: model.id,
      inputs,
    });
    expect(dataOf(batchAgain).predictBatch.map((row) => row.cachedIn)).toEqual([
      'MEMORY',
      'MEMORY',
      'MEMORY',
    ]);
  });

  it('never caches the predictions of a deployment made with cacheTtlSeconds 0, and says so', async () => {
    const { model, deployment } = await deployed(owner, 0);
    const read = await inference.call<{ deployment: { cacheTtlSeconds: number | null } }>(
      owner,
      'query ($id: ID!) { deployment(id: $id) { cacheTtlSeconds } }',
      { id: deployment.id },
    );
    expect(dataOf(read).deployment.cacheTtlSeconds).toBe(0);
    for (let i = 0; i < 3; i++)
      expect(await predict(owner, model.id, { features: [1, 1, 1, 1] })).toMatchObject({ cacheHit: false });
    expect((await predictOn(second, owner, model.id, { features: [1, 1, 1, 1] })).cacheHit).toBe(false);
  });

  it('refuses a negative cacheTtlSeconds', async () => {
    const model = await createModel(registry, owner, { name: `lr-${Math.random()}`, taskType: 'REGRESSION' });
    const answer = await inference.call(
      owner,
      'mutation ($id: ID!) { deployModel(modelId: $id, cacheTtlSeconds: -1) { id } }',
      {
        id: model.id,
      },
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'cacheTtlSeconds',
    });
  });

  it('never answers another organization from the cache, even for the same file and row', async () => {
    const stranger = member('OWNER');
    const mine = await deployed();
    const theirs = await deployed(stranger);
    const input = { features: [7, 7, 7, 7] };
    await predict(owner, mine.model.id, input);
    expect(await predict(owner, mine.model.id, input)).toMatchObject({ cachedIn: 'MEMORY' });
    expect(await predict(stranger, theirs.model.id, input)).toMatchObject({ cacheHit: false });
    expect(await predictOn(second, stranger, theirs.model.id, input)).toMatchObject({
      cachedIn: 'REDIS',
    });
  });

  it('puts every predicted row of both replicas on the Redis stream, with all its fields', async () => {
    const { model, version, deployment } = await deployed();
    await predict(owner, model.id, { features: [2, 0, 0, 0] });
    await predictOn(second, owner, model.id, { features: [2, 0, 0, 0] });
    const refused = await callSubgraph(second, owner, PREDICT, {
      modelId: model.id,
      input: { features: [1, 2] },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const events = await eventuallyAsync(async () => {
      const entries = await inference.infrastructure.eventStream.range<PredictionEvent>(PREDICTION_STREAM, {
        count: 100_000,
      });
      const ours = entries
        .map((entry) => entry.event)
        .filter((event) => event.deploymentId === deployment.id);
      expect(ours).toHaveLength(3);
      return ours;
    });
    const base = { organizationId: owner.organizationId, modelId: model.id, versionId: version.id };
    // The replicas append on their own schedules: the events are told apart by what they say, not their order.
    const [computed, cached, failed] = [
      events.find((event) => !event.cacheHit && !event.error),
      events.find((event) => event.cacheHit),
      events.find((event) => event.error),
    ];
    expect(computed).toEqual({
      ...base,
      deploymentId: deployment.id,
      eventId: expect.any(String),
      features: { f0: 2, f1: 0, f2: 0, f3: 0 },
      output: { label: null, value: 2.5, probabilities: null },
      latencyMs: expect.any(Number),
      cacheHit: false,
      cachedIn: null,
      error: null,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(cached).toMatchObject({ ...base, cacheHit: true, cachedIn: 'REDIS', output: { value: 2.5 } });
    expect(failed).toMatchObject({ ...base, output: null, features: { f0: 1, f1: 2 } });
    expect(failed!.error).toMatch(/feature/);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(3);
  });

  it('counts predictions per deployment in /metrics', async () => {
    const { model, deployment } = await deployed();
    await predict(owner, model.id, { features: [3, 0, 0, 0] });
    await predict(owner, model.id, { features: [3, 0, 0, 0] });
    const text = await scrapeMetrics(inference.subgraph.url);
    const labels = { deployment: deployment.id, model: model.id, service: 'inference' };
    expect(sampleOf(text, 'mlaas_prediction_rows_total', labels)).toBe(2);
    expect(sampleOf(text, 'mlaas_prediction_duration_seconds_count', labels)).toBe(2);
    expect(sampleOf(text, 'mlaas_prediction_cache_hits_total', { ...labels, level: 'MEMORY' })).toBe(1);
    expect(
      sampleOf(text, 'mlaas_prediction_cache_hits_total', { ...labels, level: 'REDIS' }),
    ).toBeUndefined();
    // Only the first row ran, alone in its micro-batch; the second was answered from memory.
    const batches = { deployment: deployment.id, service: 'inference' };
    expect(sampleOf(text, 'mlaas_prediction_micro_batch_size_count', batches)).toBe(1);
    expect(sampleOf(text, 'mlaas_prediction_events_dropped_total', { service: 'inference' })).toBe(0);
  });
});
