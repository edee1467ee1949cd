/** @jest-environment ./test/onnxruntime-environment.ts */
import { createLogger } from '../../../lib/logger';
import { buckets } from '../../../lib/object-store/object-store';
import { startSubgraph, type StartedSubgraph } from '../../../lib/start-subgraph';
import { linearRegressionOnnx } from '../../../test/fixtures/onnx/sklearn';
import { eventually } from '../../../test/support/eventually';
import {
  deploy,
  PREDICT,
  UNDEPLOY,
  useInference,
  type PredictionView,
} from '../../../test/support/harness/inference';
import {
  createModel,
  dataOf,
  member,
  numberFeatures,
  uploadVersion,
  useRegistry,
} from '../../../test/support/harness/version';
import { callSubgraph } from '../../../test/support/subgraph-client';
import { RegistryVersions } from '../deployment/registry-versions';
import { createInferenceModule } from '../module';
import { ModelSessions } from '../serving/model-sessions';

describe('inference: every replica loads a deployment when it is made', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const inference = useInference(registry);
  const owner = member('OWNER');

  /** Another inference replica on the same database and bus, whose loaded models the test can see. */
  const startReplica = (sessions: ModelSessions, name: string) =>
    startSubgraph(createInferenceModule({ sessions }), {
      config: inference.config,
      infrastructure: inference.infrastructure,
      logger: createLogger(name, process.env.TEST_LOG_LEVEL ?? 'silent'),
      port: 0,
    });
  let sessions: ModelSessions;
  let second: StartedSubgraph;

  beforeAll(async () => {
    sessions = new ModelSessions(new RegistryVersions(inference.config), { maxBytes: 64 * 1024 * 1024 });
    second = await startReplica(sessions, 'replica-test');
  });
  afterAll(() => second?.stop());

  it('loads on the deploy event (not on the first prediction) and releases on undeploy', async () => {
    const model = await createModel(registry, owner, { name: 'replicated', taskType: 'REGRESSION' });
    const version = await uploadVersion(registry, owner, model.id, linearRegressionOnnx({ features: 4 }));
    const deployment = await deploy(inference, owner, model.id);
    await eventually(() => expect(sessions.isLoaded(deployment.id)).toBe(true));

    // A lazy load now would fail the SHA-256 check: the answer proves the replica loaded before.
    await registry.infrastructure.objectStore.putObject(
      buckets.models,
      version.artifact!.key,
      Buffer.from('x'),
    );
    const answer = await callSubgraph<{ predict: PredictionView }>(second, owner, PREDICT, {
      modelId: model.id,
      input: { features: [0, 0, 0, 1] },
    });
    expect(dataOf(answer).predict.value).toBe(5);

    dataOf(await inference.call(owner, UNDEPLOY, { id: deployment.id }));
    await eventually(() => expect(sessions.has(deployment.id)).toBe(false));
  });

  it('keeps models under its memory budget: the least recently used is evicted and reloads on demand', async () => {
    // A replica whose budget holds one model at a time.
    const small = new ModelSessions(new RegistryVersions(inference.config), { maxBytes: 1 });
    const replica = await startReplica(small, 'budget-test');
    try {
      const deployed: { model: { id: string }; deployment: { id: string }; features: number }[] = [];
      for (const [name, features] of [
        ['budget-a', 2],
        ['budget-b', 3],
      ] as const) {
        const model = await createModel(registry, owner, { name, taskType: 'REGRESSION' });
        await uploadVersion(registry, owner, model.id, linearRegressionOnnx({ features }), {
          inputSchema: numberFeatures(features),
        });
        deployed.push({ model, deployment: await deploy(inference, owner, model.id), features });
      }
      const predict = async (index: number, value = 1) => {
        const { model, features } = deployed[index];
        const input = { features: Array.from({ length: features }, () => value) };
        const answer = await callSubgraph<{ predict: PredictionView }>(replica, owner, PREDICT, {
          modelId: model.id,
          input,
        });
        return dataOf(answer).predict.value;
      };
      // coefficients 0.5, 1.5, 2.5… and intercept 1.5
      expect(await predict(0)).toBe(3.5);
      expect(await predict(1)).toBe(6);
      await eventually(() => expect(small.has(deployed[0].deployment.id)).toBe(false));
      // Another row: the one predicted before would be a cache hit, which needs no model.
      expect(await predict(0, 2)).toBe(5.5);
      expect(small.has(deployed[0].deployment.id)).toBe(true);
      expect(small.has(deployed[1].deployment.id)).toBe(false);
    } finally {
      await replica.stop();
    }
  });

  it('runs concurrent single predictions through the micro-batcher, each caller getting its own row', async () => {
    const batches: number[] = [];
    const batching = new ModelSessions(new RegistryVersions(inference.config), {
      maxBytes: 64 * 1024 * 1024,
      batchMaxSize: 16,
      batchMaxDelayMs: 2,
      onBatch: (size) => batches.push(size),
    });
    const replica = await startReplica(batching, 'batching-test');
    try {
      const model = await createModel(registry, owner, { name: 'batched', taskType: 'REGRESSION' });
      await uploadVersion(registry, owner, model.id, linearRegressionOnnx({ features: 4 }));
      const deployment = await deploy(inference, owner, model.id);
      await eventually(() => expect(batching.isLoaded(deployment.id)).toBe(true)); // loaded on the event
      // y = 0.5·f0 + 1.5·f1 + 2.5·f2 + 3.5·f3 + 1.5, so f3 = i gives 3.5·i + 1.5
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          callSubgraph<{ predict: PredictionView }>(replica, owner, PREDICT, {
            modelId: model.id,
            input: { features: [0, 0, 0, i] },
          }),
        ),
      );
      answers.forEach((answer, i) => expect(dataOf(answer).predict.value).toBeCloseTo(3.5 * i + 1.5, 4));
      // Every row went through the batcher; how many shared a run depends on timing (the batcher's own tests
      // pin that down), so only the bounds are checked here.
      expect(batches.reduce((sum, size) => sum + size, 0)).toBe(60);
      expect(Math.max(...batches)).toBeLessThanOrEqual(16);
    } finally {
      await replica.stop();
    }
  });
});
