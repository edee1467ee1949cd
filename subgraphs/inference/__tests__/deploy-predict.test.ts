/** @jest-environment ./test/onnxruntime-environment.ts */
import { buckets } from '../../../lib/object-store/object-store';
import { linearRegressionOnnx, pytorchMlpOnnx } from '../../../test/fixtures/onnx/sklearn';
import { sklearnModelFixture } from '../../../test/fixtures/onnx/sklearn-models';
import {
  deploy,
  PREDICT,
  PREDICT_BATCH,
  UNDEPLOY,
  useInference,
  type DeploymentView,
  type PredictionView,
} from '../../../test/support/harness/inference';
import {
  complete,
  createModel,
  createVersion,
  dataOf,
  errorsOf,
  member,
  put,
  transition,
  uploadVersion,
  useRegistry,
} from '../../../test/support/harness/version';

describe('inference: deploy an uploaded version and predict', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const inference = useInference(registry);
  const owner = member('OWNER');
  const viewer = member('VIEWER', owner.organizationId);
  const stranger = member('OWNER');

  /** A REGRESSION model whose version is y = 0.5·f0 + 1.5·f1 + 2.5·f2 + 3.5·f3 + 1.5. */
  async function regressor() {
    const model = await createModel(registry, owner, { name: `lr-${Math.random()}`, taskType: 'REGRESSION' });
    const version = await uploadVersion(registry, owner, model.id, linearRegressionOnnx({ features: 4 }));
    return { model, version };
  }

  const predict = (caller = owner, modelId: string, input: Record<string, unknown>) =>
    inference.call<{ predict: PredictionView }>(caller, PREDICT, { modelId, input });

  it('deploys the latest READY version and predicts positional and named rows', async () => {
    const { model, version } = await regressor();
    const deployment = await deploy(inference, owner, model.id);
    expect(deployment).toMatchObject({ status: 'READY', error: null, version: { id: version.id } });
    expect(deployment.readyAt).not.toBeNull();

    const positional = dataOf(await predict(owner, model.id, { features: [1, 2, 3, 4] })).predict;
    expect(positional).toMatchObject({ label: null, probabilities: null, cacheHit: false });
    expect(positional.value).toBeCloseTo(26.5, 4);
    expect(positional.modelVersion).toEqual({ id: version.id });
    expect(positional.latencyMs).toBeGreaterThan(0);

    const named = dataOf(await predict(viewer, model.id, { named: { f3: 4, f2: 3, f1: 2, f0: 1 } })).predict;
    expect(named.value).toBeCloseTo(26.5, 4);
  });

  it.each(['logistic_regression_zipmap.onnx', 'random_forest_zipmap.onnx', 'random_forest_tensor.onnx'])(
    'serves the scikit-learn classifier %s as scikit-learn predicts',
    async (file) => {
      const fixture = sklearnModelFixture(file);
      const model = await createModel(registry, owner, {
        name: `sk-${Math.random()}`,
        taskType: 'CLASSIFICATION',
      });
      await uploadVersion(registry, owner, model.id, fixture.bytes, {
        inputSchema: fixture.features,
        outputLabels: fixture.labels,
      });
      expect(await deploy(inference, owner, model.id)).toMatchObject({ status: 'READY' });
      const predictions = dataOf(
        await inference.call<{ predictBatch: PredictionView[] }>(owner, PREDICT_BATCH, {
          modelId: model.id,
          inputs: fixture.rows.map((row) => ({
            named: Object.fromEntries(fixture.features.map((feature, i) => [feature.name, row[i]])),
          })),
        }),
      ).predictBatch;
      expect(predictions.map((p) => p.label)).toEqual(fixture.label);
      predictions.forEach((prediction, r) => {
        expect(prediction.probabilities!.map((p) => p.label)).toEqual(fixture.labels);
        prediction.probabilities!.forEach((p, k) =>
          expect(p.probability).toBeCloseTo(fixture.probabilities![r][k], 5),
        );
      });
    },
  );

  it('predicts a batch in order, and refuses one above PREDICT_BATCH_MAX', async () => {
    const { model } = await regressor();
    await deploy(inference, owner, model.id);
    const inputs = [
      { features: [0, 0, 0, 0] },
      { named: { f0: 2, f1: 0, f2: 0, f3: 0 } },
      { features: [0, 0, 0, 1] },
    ];
    const result = dataOf(
      await inference.call<{ predictBatch: PredictionView[] }>(owner, PREDICT_BATCH, {
        modelId: model.id,
        inputs,
      }),
    );
    expect(result.predictBatch.map((p) => p.value)).toEqual([1.5, 2.5, 5]);
    const tooMany = Array.from({ length: 10_001 }, () => ({ features: [0, 0, 0, 0] }));
    const refused = await inference.call(owner, PREDICT_BATCH, { modelId: model.id, inputs: tooMany });
    expect(errorsOf(refused)).toEqual([{ code: 'BAD_USER_INPUT', field: 'inputs' }]);
  });

  it("serves a classifier with the version's labels", async () => {
    const model = await createModel(registry, owner, { name: `mlp-${Math.random()}`, framework: 'PYTORCH' });
    const file = pytorchMlpOnnx({ features: 4, classes: 3 });
    await uploadVersion(registry, owner, model.id, file, {
      outputLabels: ['setosa', 'versicolor', 'virginica'],
    });
    await deploy(inference, owner, model.id);
    const { predict: prediction } = dataOf(
      await predict(owner, model.id, { features: [5.1, 3.5, 1.4, 0.2] }),
    );
    expect(prediction.value).toBeNull();
    expect(prediction.probabilities!.map((p) => p.label)).toEqual(['setosa', 'versicolor', 'virginica']);
    const best = prediction.probabilities!.reduce((a, b) => (b.probability > a.probability ? b : a));
    expect(prediction.label).toBe(best.label);
    expect(prediction.probabilities!.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 5);
  });

  it('refuses bad input with BAD_USER_INPUT naming the row and the feature', async () => {
    const { model } = await regressor();
    await deploy(inference, owner, model.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ features: [1, 2, 3] }, 'input.features'],
      [{ named: { f0: 1, f1: 2, f2: 3, f3: 4, petal_width: 1 } }, 'input.named.petal_width'],
      [{ named: { f0: 1, f1: 2, f2: 3 } }, 'input.named.f3'],
      [{ named: { f0: 1, f1: 'wide', f2: 3, f3: 4 } }, 'input.named.f1'],
      [{ named: { f0: 1, f1: { a: 1 }, f2: 3, f3: 4 } }, 'input.named.f1'],
      [{ named: [1, 2, 3, 4] }, 'input.named'],
      [{ features: [1, 2, 3, 4], named: { f0: 1 } }, 'input'],
      [{}, 'input'],
      // float32 cannot hold it
      [{ features: [1e308, 0, 0, 0] }, 'input.features'],
      // each fits, but 3.5 · 3e38 does not: the output is not a finite number
      [{ features: [0, 0, 0, 3e38] }, 'input'],
    ];
    for (const [input, field] of cases)
      expect(errorsOf(await predict(owner, model.id, input))).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    const inputs = [
      { features: [0, 0, 0, 0] },
      { features: [0, 0, 0, 0] },
      { named: { f0: 1, f1: 2, f2: 'x', f3: 4 } },
    ];
    const batch = await inference.call(owner, PREDICT_BATCH, { modelId: model.id, inputs });
    expect(errorsOf(batch)).toEqual([{ code: 'BAD_USER_INPUT', field: 'inputs[2].named.f2' }]);
  });

  it('deploys the PRODUCTION version by default, and only READY versions', async () => {
    const { model, version } = await regressor();
    dataOf(await transition(registry, owner, version.id, 'PRODUCTION'));
    await uploadVersion(registry, owner, model.id, linearRegressionOnnx({ features: 4 }));
    expect((await deploy(inference, owner, model.id)).version.id).toBe(version.id);
    const pending = await createVersion(registry, owner, model.id);
    const refused = await inference.call(owner, DEPLOY_VERSION, { m: model.id, v: pending.version.id });
    expect(errorsOf(refused)).toEqual([{ code: 'CONFLICT' }]);
    expect(refused.errors![0].message).toMatch(/PENDING_UPLOAD; only READY versions can be deployed/);
  });

  it('lets a VIEWER predict but not deploy nor undeploy', async () => {
    const { model } = await regressor();
    const deployment = await deploy(inference, owner, model.id);
    expect(errorsOf(await inference.call(viewer, DEPLOY_VERSION, { m: model.id }))).toEqual([
      { code: 'FORBIDDEN' },
    ]);
    expect(errorsOf(await inference.call(viewer, UNDEPLOY, { id: deployment.id }))).toEqual([
      { code: 'FORBIDDEN' },
    ]);
    expect(dataOf(await predict(viewer, model.id, { features: [0, 0, 0, 0] })).predict.value).toBe(1.5);
  });

  it('keeps another organization from deploying, predicting, reading or undeploying', async () => {
    const { model } = await regressor();
    const deployment = await deploy(inference, owner, model.id);
    expect(errorsOf(await inference.call(stranger, DEPLOY_VERSION, { m: model.id }))).toEqual([
      { code: 'NOT_FOUND' },
    ]);
    // As for a model that exists nowhere: nothing tells the stranger that this id is a model, deployed or not.
    const predicted = await predict(stranger, model.id, { features: [0, 0, 0, 0] });
    expect(errorsOf(predicted)).toEqual([{ code: 'NOT_FOUND' }]);
    const missing = await predict(stranger, '00000000-0000-4000-8000-000000000000', {
      features: [0, 0, 0, 0],
    });
    expect(errorsOf(missing)).toEqual([{ code: 'NOT_FOUND' }]);
    const read = await inference.call(stranger, 'query ($id: ID!) { deployment(id: $id) { id } }', {
      id: deployment.id,
    });
    expect(errorsOf(read)).toEqual([{ code: 'NOT_FOUND' }]);
    const listed = await inference.call<{ deployments: { totalCount: number } }>(stranger, LIST, {
      m: model.id,
    });
    expect(dataOf(listed).deployments.totalCount).toBe(0);
    expect(errorsOf(await inference.call(stranger, UNDEPLOY, { id: deployment.id }))).toEqual([
      { code: 'NOT_FOUND' },
    ]);
    expect(dataOf(await predict(owner, model.id, { features: [0, 0, 0, 0] })).predict.value).toBe(1.5);
  });

  it('serves the checked file when other bytes were PUT to the upload URL after the version was READY', async () => {
    const model = await createModel(registry, owner, {
      name: `late-${Math.random()}`,
      taskType: 'REGRESSION',
    });
    const upload = await createVersion(registry, owner, model.id);
    await put(upload.uploadUrl, linearRegressionOnnx({ features: 4 }));
    dataOf(await complete(registry, owner, upload.version.id));
    await put(upload.uploadUrl, pytorchMlpOnnx({ features: 4, classes: 2 }));
    expect(await deploy(inference, owner, model.id)).toMatchObject({ status: 'READY', error: null });
    expect(dataOf(await predict(owner, model.id, { features: [1, 2, 3, 4] })).predict.value).toBeCloseTo(
      26.5,
      4,
    );
  });

  it('marks a deployment FAILED with the reason when the file was replaced after upload', async () => {
    const { model, version } = await regressor();
    const other = pytorchMlpOnnx({ features: 4, classes: 2 });
    await registry.infrastructure.objectStore.putObject(buckets.models, version.artifact!.key, other);
    const deployment = await deploy(inference, owner, model.id);
    expect(deployment.status).toBe('FAILED');
    expect(deployment.error).toMatch(new RegExp(`not the ${version.artifact!.sha256} recorded`));
    expect(errorsOf(await predict(owner, model.id, { features: [0, 0, 0, 0] }))).toEqual([
      { code: 'CONFLICT' },
    ]);
  });

  it('switches a redeploy only once the new version is READY, with no failed prediction meanwhile', async () => {
    const { model, version: first } = await regressor();
    const serving = await deploy(inference, owner, model.id);
    const broken = await uploadVersion(registry, owner, model.id, linearRegressionOnnx({ features: 4 }));
    const fine = await uploadVersion(registry, owner, model.id, linearRegressionOnnx({ features: 4 }));
    await registry.infrastructure.objectStore.putObject(
      buckets.models,
      broken.artifact!.key,
      Buffer.from('x'),
    );

    let predicting = true;
    const answers: { errors?: unknown[]; version?: string }[] = [];
    const load = (async () => {
      while (predicting) {
        const result = await predict(viewer, model.id, { features: [0, 0, 0, 0] });
        answers.push({ errors: result.errors, version: result.data?.predict.modelVersion.id });
      }
    })();
    const failed = await deploy(inference, owner, model.id, broken.id);
    expect(failed.status).toBe('FAILED');
    expect(await current(model.id)).toMatchObject({ id: serving.id, status: 'READY' });
    const next = await deploy(inference, owner, model.id, fine.id);
    predicting = false;
    await load;

    expect(next.status).toBe('READY');
    expect(await current(model.id)).toMatchObject({ id: next.id, status: 'READY' });
    expect(await statusOf(serving.id)).toBe('STOPPED');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.errors)).toEqual([]);
    expect(new Set(answers.map((a) => a.version))).toContain(first.id);
    const after = dataOf(await predict(owner, model.id, { features: [0, 0, 0, 0] })).predict;
    expect(after.modelVersion.id).toBe(fine.id);
  });

  it('loads a deployment lazily after a restart, and stops serving it once undeployed', async () => {
    const { model } = await regressor();
    const deployment = await deploy(inference, owner, model.id);
    await inference.restart();
    expect(dataOf(await predict(owner, model.id, { features: [1, 0, 0, 0] })).predict.value).toBe(2);
    const stopped = dataOf(
      await inference.call<{ undeployModel: DeploymentView }>(owner, UNDEPLOY, { id: deployment.id }),
    );
    expect(stopped.undeployModel.status).toBe('STOPPED');
    const refused = await predict(owner, model.id, { features: [1, 0, 0, 0] });
    expect(errorsOf(refused)).toEqual([{ code: 'CONFLICT' }]);
    expect(refused.errors![0].message).toBe(`model ${model.id} has no READY deployment`);
    const listed = await inference.call<{
      deployments: { totalCount: number; edges: { node: { id: string } }[] };
    }>(owner, LIST, { m: model.id, s: 'STOPPED' });
    expect(dataOf(listed).deployments.edges.map((e) => e.node.id)).toEqual([deployment.id]);
  });

  async function current(modelId: string) {
    const result = await inference.call<{
      _entities: { deployment: { id: string; status: string } | null }[];
    }>(
      owner,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Model { deployment { id status } } } }',
      { r: [{ __typename: 'Model', id: modelId }] },
    );
    return dataOf(result)._entities[0].deployment;
  }

  async function statusOf(id: string) {
    const result = await inference.call<{ deployment: { status: string } }>(
      owner,
      'query ($id: ID!) { deployment(id: $id) { status } }',
      { id },
    );
    return dataOf(result).deployment.status;
  }
});

const DEPLOY_VERSION = `mutation ($m: ID!, $v: ID) { deployModel(modelId: $m, versionId: $v) { id } }`;
const LIST = `query ($m: ID, $s: DeploymentStatus) {
  deployments(filter: { modelId: $m, status: $s }) { totalCount edges { node { id } } } }`;
