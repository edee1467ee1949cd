/** @jest-environment ./test/onnxruntime-environment.ts */
import type { FeatureSpec } from '../../../ml/feature';
import { linearRegressionOnnx } from '../../../test/fixtures/onnx/sklearn';
import { sklearnModelFixture } from '../../../test/fixtures/onnx/sklearn-models';
import { graphql } from '../../../test/support/graphql-client';
import { usePlatform } from '../../../test/support/harness/platform';
import { inferenceClient, type VersionInput } from '../../../test/support/inference-client';
import {
  exampleBody,
  featureTensors,
  oip,
  outputOf,
  type OipInferResponse,
} from '../../../test/support/oip-client';
import {
  dataOf,
  IRIS_FEATURES,
  registerUser,
  type GatewayUser,
} from '../../../test/support/training-gateway';

const NAME_CACHE_MS = 2_000;
const MAX_REQUEST_BYTES = 50_000;

interface Prediction {
  label: string | null;
  value: number | null;
  probabilities: { label: string; probability: number }[] | null;
}

describe('Open Inference Protocol v2 on the gateway', () => {
  const platform = usePlatform({
    inferenceEnv: { MODEL_NAME_CACHE_MS: String(NAME_CACHE_MS) },
    limits: { maxRequestBytes: MAX_REQUEST_BYTES },
  });
  let ada: GatewayUser;
  let bob: GatewayUser;

  beforeAll(async () => {
    ada = await registerUser(platform().gateway.url, 'ada@example.com', 'Analytical Engines');
    bob = await registerUser(platform().gateway.url, 'bob@example.com', 'Difference Engines');
  });

  const gql = async <T>(user: GatewayUser, query: string, variables: Record<string, unknown> = {}) =>
    dataOf(await graphql<T>(platform().gateway.url, query, variables, user.headers));

  const call = <T = Record<string, unknown>>(
    user: GatewayUser | null,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ) => oip<T>(platform().origin, method, path, { headers: user?.headers, body });

  const infer = (user: GatewayUser, name: string, body: unknown, version?: number) =>
    call<OipInferResponse>(
      user,
      'POST',
      `/v2/models/${encodeURIComponent(name)}${version ? `/versions/${version}` : ''}/infer`,
      body,
    );

  const client = (user: GatewayUser) => inferenceClient(user.headers);
  const upload = (user: GatewayUser, modelId: string, file: Buffer, input: VersionInput) =>
    client(user).uploadVersion(platform().gateway.url, modelId, file, input);
  const createModel = (user: GatewayUser, name: string, taskType: string) =>
    client(user).createModel(platform().gateway.url, name, taskType);

  async function deploy(user: GatewayUser, modelId: string, versionId?: string) {
    const deployment = await client(user).deploy(platform().gateway.url, modelId, versionId);
    expect(deployment.status).toBe('READY');
    return deployment;
  }

  const randomForest = sklearnModelFixture('random_forest_tensor.onnx');
  const columnPipeline = sklearnModelFixture('column_pipeline_regression.onnx');
  const IRIS_SCHEMA: FeatureSpec[] = IRIS_FEATURES.map((name) => ({ name, type: 'NUMBER' }));

  /** The scikit-learn random forest (string labels, one [N, 4] float input) under the README's iris features. */
  async function irisClassifier(user: GatewayUser, name: string, deployed = true) {
    const modelId = await createModel(user, name, 'CLASSIFICATION');
    const version = await upload(user, modelId, randomForest.bytes, {
      inputSchema: IRIS_SCHEMA,
      outputLabels: randomForest.labels,
    });
    if (deployed) await deploy(user, modelId);
    return { modelId, version };
  }

  /** The scikit-learn column pipeline: x0, x1, x2 numbers and `color` a category, one input each; a regressor. */
  async function pipelineRegressor(user: GatewayUser, name: string) {
    const modelId = await createModel(user, name, 'REGRESSION');
    await upload(user, modelId, columnPipeline.bytes, { inputSchema: columnPipeline.features });
    await deploy(user, modelId);
    return modelId;
  }

  const predictBatch = async (
    user: GatewayUser,
    modelId: string,
    rows: readonly (readonly unknown[])[],
    features: readonly FeatureSpec[],
  ) =>
    (
      await gql<{ predictBatch: Prediction[] }>(
        user,
        `mutation ($m: ID!, $inputs: [PredictionInput!]!) {
          predictBatch(modelId: $m, inputs: $inputs) { label value probabilities { label probability } } }`,
        {
          m: modelId,
          inputs: rows.map((row) => ({
            named: Object.fromEntries(features.map((f, j) => [f.name, row[j]])),
          })),
        },
      )
    ).predictBatch;

  it('answers health without credentials: live is the gateway, ready is every subgraph', async () => {
    expect(await call(null, 'GET', '/v2/health/live')).toMatchObject({ status: 200, body: { live: true } });
    expect(await call(null, 'GET', '/v2/health/ready')).toMatchObject({ status: 200, body: { ready: true } });
  });

  it("serves the README's request body as GraphQL predicts the same rows", async () => {
    const { modelId } = await irisClassifier(ada, 'iris');
    const body = exampleBody('oip/iris-infer.json') as { id: string; inputs: { data: number[] }[] };
    const answer = await infer(ada, 'iris', body);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBeTruthy();
    const rows = [0, 1].map((r) => body.inputs.map((input) => input.data[r]));
    const expected = await predictBatch(ada, modelId, rows, IRIS_SCHEMA);
    expect(answer.body).toEqual({
      model_name: 'iris',
      model_version: '1',
      id: 'iris-walkthrough',
      outputs: [
        { name: 'label', datatype: 'BYTES', shape: [2], data: ['setosa', 'virginica'] },
        {
          name: 'probabilities',
          datatype: 'FP64',
          shape: [2, 3],
          parameters: { labels: JSON.stringify(['setosa', 'versicolor', 'virginica']) },
          data: expected.flatMap((p) => p.probabilities!.map((c) => c.probability)),
        },
      ],
    });
    expect(expected.map((p) => p.label)).toEqual(['setosa', 'virginica']);
  });

  it('describes a deployed model, and says whether it is ready', async () => {
    const { modelId } = await irisClassifier(ada, 'iris-metadata', false);
    for (const path of ['/v2/models/iris-metadata', '/v2/models/iris-metadata/ready']) {
      const undeployed = await call(ada, 'GET', path);
      expect(undeployed).toMatchObject({ status: 409 });
      expect(undeployed.body).toEqual({
        error: 'model "iris-metadata" has no READY deployment; deploy it with deployModel',
      });
    }
    const deployment = await deploy(ada, modelId);
    expect(await call(ada, 'GET', '/v2/models/iris-metadata/ready')).toMatchObject({
      status: 200,
      body: { name: 'iris-metadata', ready: true },
    });
    const metadata = await call(ada, 'GET', '/v2/models/iris-metadata');
    expect(metadata.status).toBe(200);
    expect(metadata.body).toEqual({
      name: 'iris-metadata',
      versions: ['1'],
      platform: 'onnx',
      inputs: IRIS_FEATURES.map((name) => ({ name, datatype: 'FP64', shape: [-1] })),
      outputs: [
        { name: 'label', datatype: 'BYTES', shape: [-1] },
        {
          name: 'probabilities',
          datatype: 'FP64',
          shape: [-1, 3],
          parameters: { labels: JSON.stringify(['setosa', 'versicolor', 'virginica']) },
        },
      ],
    });
    await gql(ada, 'mutation ($id: ID!) { undeployModel(deploymentId: $id) { id } }', { id: deployment.id });
    expect(await call(ada, 'GET', '/v2/models/iris-metadata/ready')).toMatchObject({ status: 409 });
    const refused = await infer(ada, 'iris-metadata', exampleBody('oip/iris-infer.json'));
    expect(refused).toMatchObject({
      status: 409,
      body: { error: expect.stringMatching(/no READY deployment/) },
    });
  });

  it('takes one [N, F] tensor, flat or nested, FP32, as scikit-learn predicts', async () => {
    await irisClassifier(ada, 'iris-matrix');
    const { rows } = randomForest;
    const flat = { name: 'float_input', shape: [rows.length, 4], datatype: 'FP32', data: rows.flat() };
    const answer = await infer(ada, 'iris-matrix', { inputs: [flat] });
    expect(answer.status).toBe(200);
    expect(outputOf(answer.body, 'label').data).toEqual(randomForest.label);
    const probabilities = outputOf(answer.body, 'probabilities');
    expect(probabilities.shape).toEqual([rows.length, 3]);
    (probabilities.data as number[]).forEach((p, i) =>
      expect(p).toBeCloseTo(randomForest.probabilities![Math.floor(i / 3)][i % 3], 5),
    );
    const nested = await infer(ada, 'iris-matrix', { inputs: [{ ...flat, name: 'input', data: rows }] });
    expect(nested.body.outputs).toEqual(answer.body.outputs);
  });

  it('takes one tensor per feature as [N] or [N, 1], in FP32, FP64 or INT64, as GraphQL predicts', async () => {
    const { modelId } = await irisClassifier(ada, 'iris-datatypes');
    const rows = [
      [5, 3, 1, 0],
      [6, 3, 4, 1],
      [7, 3, 6, 2],
    ];
    const expected = await predictBatch(ada, modelId, rows, IRIS_SCHEMA);
    const labels = expected.map((p) => p.label);
    expect(new Set(labels).size).toBeGreaterThan(1);
    for (const datatype of ['FP32', 'FP64', 'INT64']) {
      const tensors = featureTensors(IRIS_FEATURES, rows, () => datatype);
      for (const inputs of [tensors, tensors.map((t) => ({ ...t, shape: [rows.length, 1] }))]) {
        const answer = await infer(ada, 'iris-datatypes', { inputs });
        expect(answer.status).toBe(200);
        expect(outputOf(answer.body, 'label').data).toEqual(labels);
        expect(outputOf(answer.body, 'probabilities').data).toEqual(
          expected.flatMap((p) => p.probabilities!.map((c) => c.probability)),
        );
      }
    }
    // null is a missing value, as in GraphQL's named rows.
    const withMissing = [[5, null, 1, 0]];
    const missing = await infer(ada, 'iris-datatypes', {
      inputs: featureTensors(IRIS_FEATURES, withMissing),
    });
    expect(missing.status).toBe(200);
    const expectedMissing = await predictBatch(ada, modelId, withMissing, IRIS_SCHEMA);
    expect(outputOf(missing.body, 'probabilities').data).toEqual(
      expectedMissing[0].probabilities!.map((c) => c.probability),
    );
    // One row is a single prediction (micro-batched with others): the same answer.
    const one = await infer(ada, 'iris-datatypes', { inputs: featureTensors(IRIS_FEATURES, [rows[2]]) });
    expect(outputOf(one.body, 'label').data).toEqual([labels[2]]);
    const onlyLabels = await infer(ada, 'iris-datatypes', {
      inputs: featureTensors(IRIS_FEATURES, rows),
      outputs: [{ name: 'label' }],
    });
    expect(onlyLabels.body.outputs.map((t) => t.name)).toEqual(['label']);
  });

  it('serves a regressor with a category: FP64 numbers and BYTES categories in, FP64 values out', async () => {
    const modelId = await pipelineRegressor(ada, 'pipeline');
    const names = columnPipeline.features.map((f) => f.name);
    const tensors = featureTensors(names, columnPipeline.rows, (name) =>
      name === 'color' ? 'BYTES' : 'FP64',
    );
    const answer = await infer(ada, 'pipeline', { inputs: tensors });
    expect(answer.status).toBe(200);
    const value = outputOf(answer.body, 'value');
    expect(value).toMatchObject({ datatype: 'FP64', shape: [columnPipeline.rows.length] });
    (value.data as number[]).forEach((v, r) => expect(v).toBeCloseTo(columnPipeline.value![r], 3));
    const expected = await predictBatch(ada, modelId, columnPipeline.rows, columnPipeline.features);
    expect(value.data).toEqual(expected.map((p) => p.value));
    const metadata = await call(ada, 'GET', '/v2/models/pipeline');
    expect(metadata.body).toMatchObject({
      inputs: names.map((name) => ({ name, datatype: name === 'color' ? 'BYTES' : 'FP64', shape: [-1] })),
      outputs: [{ name: 'value', datatype: 'FP64', shape: [-1] }],
    });
  });

  it('refuses bad requests with 400 naming the tensor', async () => {
    await pipelineRegressor(ada, 'pipeline-400');
    await irisClassifier(ada, 'iris-400');
    const rows = columnPipeline.rows.slice(0, 2);
    const names = columnPipeline.features.map((f) => f.name);
    const good = () => featureTensors(names, rows, (name) => (name === 'color' ? 'BYTES' : 'FP64'));
    const withTensor = (name: string, change: Record<string, unknown>) =>
      good().map((t) => (t.name === name ? { ...t, ...change } : t));
    const cases: [unknown, RegExp][] = [
      [{ inputs: good().filter((t) => t.name !== 'color') }, /input tensor "color" is missing/],
      [
        { inputs: [...good(), { name: 'size', shape: [2], datatype: 'FP64', data: [1, 2] }] },
        /input tensor "size" is not an input of the model; its inputs are x0, x1, x2, color/,
      ],
      [
        { inputs: withTensor('x0', { shape: [1, 2] }) },
        /input tensor "x0" has shape \[1, 2\]; a feature's is \[N\] or \[N, 1\]/,
      ],
      [
        { inputs: withTensor('x1', { data: [1] }) },
        /input tensor "x1" has 1 values; its shape \[2\] holds 2/,
      ],
      [
        { inputs: withTensor('x1', { shape: [3], data: [1, 2, 3] }) },
        /input tensor "x1" has 3 rows; "x0" has 2/,
      ],
      [{ inputs: withTensor('x2', { datatype: 'FP16' }) }, /input tensor "x2" has datatype "FP16"/],
      [
        { inputs: withTensor('x2', { datatype: 'BYTES', data: ['1', '2'] }) },
        /"x2" is BYTES; feature "x2" is a number/,
      ],
      [
        { inputs: withTensor('color', { datatype: 'FP64', data: [1, 2] }) },
        /"color" is FP64; feature "color" is a category/,
      ],
      [
        { inputs: withTensor('x0', { data: [1, 'wide'] }) },
        /input tensor "x0": value 1 is "wide", not a number/,
      ],
      [
        { inputs: withTensor('x0', { datatype: 'INT64', data: [1, 1.5] }) },
        /input tensor "x0": value 1 is 1.5, not an integer/,
      ],
      [
        { inputs: withTensor('x0', { datatype: 'INT64', data: [1, null] }) },
        /input tensor "x0": value 1 is null, not an integer \(INT64 has no missing value\)/,
      ],
      [
        { inputs: withTensor('x0', { datatype: 'FP32', data: [1, 1e39] }) },
        /input tensor "x0": .* FP32 can hold/,
      ],
      [
        { inputs: withTensor('color', { data: ['red', 7] }) },
        /input tensor "color": value 1 is 7, not a string/,
      ],
      [
        { inputs: [{ name: 'input', shape: [2, 3], datatype: 'FP64', data: [1, 2, 3, 4, 5, 6] }] },
        /input tensor "input" has shape \[2, 3\]; the model takes 4 features/,
      ],
      [
        { inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP64', data: [1, 2, 3, 4] }] },
        /input tensor "input" is FP64; feature "color" is a category and takes BYTES/,
      ],
      [{ inputs: [...good(), good()[0]] }, /input tensor "x0" is given twice/],
      [{ inputs: [] }, /"inputs" must be a non-empty array/],
      [[1, 2], /must be a JSON object/],
      [{ id: 7, inputs: good() }, /"id" must be a string/],
      [
        { inputs: good(), outputs: [{ name: 'label' }] },
        /output "label" is not an output of the model; its outputs are value/,
      ],
    ];
    for (const [body, message] of cases) {
      const answer = await infer(ada, 'pipeline-400', body);
      expect({ body, status: answer.status, error: answer.body.error }).toEqual({
        body,
        status: 400,
        error: expect.stringMatching(message),
      });
    }
    // A value the model's float input cannot hold: PredictionService refuses it; the message names the tensor.
    const huge = { name: 'float_input', shape: [1, 4], datatype: 'FP64', data: [1e39, 1, 1, 1] };
    const refused = await infer(ada, 'iris-400', { inputs: [huge] });
    expect(refused).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^input tensor "float_input": /) },
    });
    const malformed = await oip(platform().origin, 'POST', '/v2/models/pipeline-400/infer', {
      headers: ada.headers,
      rawBody: '{"inputs": [',
    });
    expect(malformed).toMatchObject({ status: 400, body: { error: 'Malformed JSON in request body' } });
  });

  it('serves the deployed version on the version path, and 404 for any other', async () => {
    const { modelId, version: first } = await irisClassifier(ada, 'iris-versions');
    const body = exampleBody('oip/iris-infer.json');
    expect((await infer(ada, 'iris-versions', body, 1)).body.model_version).toBe('1');
    expect(await call(ada, 'GET', '/v2/models/iris-versions/versions/1/ready')).toMatchObject({
      status: 200,
    });
    const notYet = await infer(ada, 'iris-versions', body, 2);
    expect(notYet).toMatchObject({
      status: 404,
      body: { error: 'Version 2 of model "iris-versions" is not deployed; version 1 is' },
    });
    const second = await upload(ada, modelId, randomForest.bytes, { inputSchema: IRIS_SCHEMA });
    expect(second.version).toBe(2);
    await deploy(ada, modelId, second.id);
    expect((await infer(ada, 'iris-versions', body, 2)).body.model_version).toBe('2');
    expect((await infer(ada, 'iris-versions', body)).body.model_version).toBe('2');
    expect(await call(ada, 'GET', '/v2/models/iris-versions/versions/2')).toMatchObject({
      status: 200,
      body: { versions: ['2'] },
    });
    for (const path of ['/versions/1/infer', '/versions/1/ready', '/versions/1', '/versions/x/infer']) {
      const method = path.endsWith('infer') ? 'POST' : 'GET';
      const answer = await call(
        ada,
        method,
        `/v2/models/iris-versions${path}`,
        method === 'POST' ? body : undefined,
      );
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    expect(first.version).toBe(1);
  });

  it("answers 404 for another organization's model, as for a name no model has", async () => {
    await irisClassifier(ada, 'iris-private');
    const body = exampleBody('oip/iris-infer.json');
    const unknown = await infer(ada, 'no-such-model', body);
    expect(unknown).toMatchObject({ status: 404, body: { error: 'Model "no-such-model" not found' } });
    // A name no stored name can be (NUL, which PostgreSQL text cannot hold) is unknown too, not a failure.
    const unstorable = await call(ada, 'GET', '/v2/models/iris%00private');
    expect(unstorable).toMatchObject({ status: 404, body: { error: 'Model "iris\u0000private" not found' } });
    const requests: ['GET' | 'POST', string][] = [
      ['GET', '/v2/models/iris-private'],
      ['GET', '/v2/models/iris-private/ready'],
      ['POST', '/v2/models/iris-private/infer'],
      ['POST', '/v2/models/iris-private/versions/1/infer'],
    ];
    for (const [method, path] of requests) {
      const answer = await call(bob, method, path, method === 'POST' ? body : undefined);
      expect({ path, status: answer.status, body: answer.body }).toEqual({
        path,
        status: 404,
        body: { error: 'Model "iris-private" not found' },
      });
    }
    // Bob's own model of the same name is his, and answers as his.
    const bobs = await createModel(bob, 'iris-private', 'REGRESSION');
    await upload(bob, bobs, linearRegressionOnnx({ features: 4 }), {
      inputSchema: IRIS_SCHEMA,
    });
    await deploy(bob, bobs);
    const his = await infer(bob, 'iris-private', body);
    expect(his.body.outputs.map((t) => t.name)).toEqual(['value']);
    const hers = await infer(ada, 'iris-private', body);
    expect(hers.body.outputs.map((t) => t.name)).toEqual(['label', 'probabilities']);
  });

  it('needs the same credentials as GraphQL', async () => {
    await irisClassifier(ada, 'iris-credentials');
    const body = exampleBody('oip/iris-infer.json');
    const path = '/v2/models/iris-credentials/infer';
    expect(await call(null, 'POST', path, body)).toMatchObject({
      status: 401,
      body: { error: 'Authentication required' },
    });
    const forged = await oip(platform().origin, 'POST', path, {
      headers: { authorization: 'Bearer not-a-token' },
      body,
    });
    expect(forged).toMatchObject({ status: 401, body: { error: expect.any(String) } });
    const elsewhere = await oip(platform().origin, 'GET', '/v2/models/iris-credentials', {
      headers: { ...ada.headers, 'x-organization-id': '00000000-0000-4000-8000-000000000000' },
    });
    expect(elsewhere).toMatchObject({ status: 403, body: { error: expect.any(String) } });
  });

  it('refuses a body above the gateway limit, unknown endpoints and wrong methods', async () => {
    await irisClassifier(ada, 'iris-limits');
    const big = {
      inputs: [{ name: 'input', shape: [5_000, 4], datatype: 'FP64', data: Array(20_000).fill(1.25) }],
    };
    expect(JSON.stringify(big).length).toBeGreaterThan(MAX_REQUEST_BYTES);
    expect(await infer(ada, 'iris-limits', big)).toMatchObject({
      status: 413,
      body: { error: `Request body exceeds ${MAX_REQUEST_BYTES} bytes` },
    });
    expect(await call(ada, 'GET', '/v2/models/iris-limits/explain')).toMatchObject({
      status: 404,
      body: { error: 'No Open Inference Protocol endpoint at GET /v2/models/iris-limits/explain' },
    });
    const wrongMethod = await call(ada, 'GET', '/v2/models/iris-limits/infer');
    expect(wrongMethod).toMatchObject({ status: 405, body: { error: 'GET is not served here; use POST' } });
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('finds a renamed model by its new name at once, and by its old one only while remembered', async () => {
    const { modelId } = await irisClassifier(ada, 'iris-before');
    expect(await call(ada, 'GET', '/v2/models/iris-before/ready')).toMatchObject({ status: 200 });
    const renamedAt = Date.now();
    await gql(ada, 'mutation ($id: ID!) { updateModel(id: $id, input: { name: "iris-after" }) { name } }', {
      id: modelId,
    });
    expect(await call(ada, 'GET', '/v2/models/iris-after/ready')).toMatchObject({ status: 200 });
    const stale = await call(ada, 'GET', '/v2/models/iris-before/ready');
    if (Date.now() - renamedAt < NAME_CACHE_MS / 2) expect(stale.status).toBe(200);
    let status = stale.status;
    while (status !== 404 && Date.now() - renamedAt < NAME_CACHE_MS * 3) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await call(ada, 'GET', '/v2/models/iris-before/ready')).status;
    }
    expect(status).toBe(404);
  });
});
