import { createHash } from 'node:crypto';
import {
  columnPipelineRegressorOnnx,
  linearRegressionOnnx,
  logisticRegressionOnnx,
  pytorchMlpOnnx,
  randomForestOnnx,
} from '../../../../test/fixtures/onnx/sklearn';
import {
  complete,
  createModel,
  createVersion,
  dataOf,
  errorsOf,
  GET_VERSION,
  member,
  numberFeatures,
  modelObjects,
  put,
  uploadVersion,
  useRegistry,
  type VersionView,
} from '../../../../test/support/harness/version';
import { expectPresignedFor } from '../../../../test/support/presigned-url';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const DOWNLOAD = `query ($id: ID!, $s: Int) { modelVersion(id: $id) { artifact { downloadUrl(expiresInSeconds: $s) } } }`;

describe('registry model versions: upload and completion', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');
  let modelId: string;

  beforeAll(async () => {
    modelId = (await createModel(registry, owner, { name: 'uploads' })).id;
  });

  it('accepts a skl2onnx LogisticRegression (LinearClassifier + Normalizer + ZipMap): size, sha256, opsets, labels', async () => {
    const file = logisticRegressionOnnx({ features: 4, labels: ['setosa', 'versicolor', 'virginica'] });
    const version = await uploadVersion(registry, owner, modelId, file);
    expect(version).toMatchObject({
      status: 'READY',
      statusReason: null,
      stage: 'DEVELOPMENT',
      outputLabels: ['setosa', 'versicolor', 'virginica'],
      artifact: {
        key: expect.stringMatching(
          new RegExp(`^${owner.organizationId}/${modelId}/${version.id}/[0-9a-f]{32}/model.onnx$`),
        ),
        sizeBytes: file.length,
        sha256: sha256(file),
      },
      onnx: {
        irVersion: 8,
        producerName: 'skl2onnx',
        opsets: [
          { domain: 'ai.onnx', version: 17 },
          { domain: 'ai.onnx.ml', version: 1 },
        ],
        inputs: [{ name: 'float_input', type: 'tensor(float)', shape: [null, 4] }],
        outputs: [
          { name: 'output_label', type: 'tensor(string)', shape: [null] },
          { name: 'output_probability', type: 'seq(map(string,tensor(float)))', shape: null },
        ],
      },
    });
  });

  it('accepts a TreeEnsembleClassifier with string labels, recording the labels it carries', async () => {
    const file = randomForestOnnx({ features: 3, labels: ['churn', 'stay'], trees: 5, depth: 3 });
    const version = await uploadVersion(registry, owner, modelId, file, { inputSchema: numberFeatures(3) });
    expect(version.outputLabels).toEqual(['churn', 'stay']);
  });

  it('accepts a LinearRegressor, a one-input-per-column pipeline and a PyTorch Gemm/Relu/Softmax export', async () => {
    const regression = await uploadVersion(registry, owner, modelId, linearRegressionOnnx({ features: 4 }));
    expect(regression).toMatchObject({ status: 'READY', outputLabels: null });
    const columns = [
      { name: 'age', type: 'NUMBER' as const },
      { name: 'city', type: 'CATEGORY' as const },
    ];
    const pipeline = await uploadVersion(registry, owner, modelId, columnPipelineRegressorOnnx(columns), {
      inputSchema: columns,
    });
    expect(pipeline.onnx!.inputs.map((i) => i.name)).toEqual(['age', 'city']);
    const torch = await uploadVersion(
      registry,
      owner,
      modelId,
      pytorchMlpOnnx({ features: 4, classes: 3, legacyInitializerInputs: true }),
      { outputLabels: ['low', 'mid', 'high'] },
    );
    expect(torch).toMatchObject({ status: 'READY', outputLabels: ['low', 'mid', 'high'] });
    expect(torch.onnx).toMatchObject({
      producerName: 'pytorch',
      inputs: [{ name: 'input', shape: [null, 4] }],
    });
  });

  it('serves the file through a presigned GET URL with the requested lifetime', async () => {
    const file = linearRegressionOnnx({ features: 4 });
    const version = await uploadVersion(registry, owner, modelId, file);
    const url = dataOf(
      await registry.call<{ modelVersion: { artifact: { downloadUrl: string } } }>(owner, DOWNLOAD, {
        id: version.id,
        s: 60,
      }),
    ).modelVersion.artifact.downloadUrl;
    expectPresignedFor(url, 60);
    const response = await fetch(url);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(file);
    const byDefault = await registry.call<{ modelVersion: { artifact: { downloadUrl: string } } }>(
      owner,
      `query ($id: ID!) { modelVersion(id: $id) { artifact { downloadUrl } } }`,
      { id: version.id },
    );
    expectPresignedFor(dataOf(byDefault).modelVersion.artifact.downloadUrl, 300);
    for (const s of [0, -5, 86_401]) {
      const refused = await registry.call(owner, DOWNLOAD, { id: version.id, s });
      expect(errorsOf(refused)).toEqual([{ code: 'BAD_USER_INPUT', field: 'expiresInSeconds' }]);
    }
  });

  it('completes a READY version again without change (a retried call succeeds)', async () => {
    const version = await uploadVersion(registry, owner, modelId, linearRegressionOnnx({ features: 4 }));
    const again = dataOf(await complete(registry, owner, version.id)).completeModelVersionUpload;
    expect(again).toEqual(version);
  });

  it('answers BAD_USER_INPUT when nothing was uploaded, and the version stays PENDING_UPLOAD', async () => {
    const upload = await createVersion(registry, owner, modelId);
    expect(errorsOf(await complete(registry, owner, upload.version.id))).toEqual([
      { code: 'BAD_USER_INPUT', field: 'versionId' },
    ]);
    const after = dataOf(
      await registry.call<{ modelVersion: VersionView }>(owner, GET_VERSION, { id: upload.version.id }),
    );
    expect(after.modelVersion).toMatchObject({ status: 'PENDING_UPLOAD', artifact: null, onnx: null });
    // The client can still upload and complete.
    await put(upload.uploadUrl, linearRegressionOnnx({ features: 4 }));
    expect(dataOf(await complete(registry, owner, upload.version.id)).completeModelVersionUpload.status).toBe(
      'READY',
    );
  });

  /**
   * Uploads `file`, completes, and returns the error, the version afterwards and whether any object of it
   * remains (its staged upload or the copy completion checked).
   */
  async function refusedUpload(file: Buffer, input: Record<string, unknown> = {}) {
    const upload = await createVersion(registry, owner, modelId, input);
    await put(upload.uploadUrl, file);
    const result = await complete(registry, owner, upload.version.id);
    const after = dataOf(
      await registry.call<{ modelVersion: VersionView }>(owner, GET_VERSION, { id: upload.version.id }),
    );
    const objects = await modelObjects(registry, owner.organizationId, modelId, upload.version.id);
    return { result, version: after.modelVersion, fileRemains: objects.length > 0 };
  }

  it('refuses a file that is not ONNX: BAD_USER_INPUT, version INVALID with the reason, file removed', async () => {
    const refused = await refusedUpload(Buffer.from('sepal_length,sepal_width\n5.1,3.5\n'));
    expect(errorsOf(refused.result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'versionId' }]);
    expect(refused.result.errors![0].message).toMatch(/not an ONNX model/);
    expect(refused.version).toMatchObject({
      status: 'INVALID',
      statusReason: expect.stringMatching(/not an ONNX model/),
      artifact: null,
    });
    expect(refused.fileRemains).toBe(false);
    const again = await complete(registry, owner, refused.version.id);
    expect(errorsOf(again)).toEqual([{ code: 'CONFLICT' }]);
  });

  it('refuses a model whose input takes another number of features than inputSchema declares', async () => {
    const refused = await refusedUpload(logisticRegressionOnnx({ features: 5, labels: ['a', 'b'] }));
    expect(errorsOf(refused.result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'versionId' }]);
    expect(refused.version.statusReason).toBe(
      'the model\'s input "float_input" has shape [N, 5]: it takes 5 features per row, but inputSchema declares 4',
    );
    expect(refused.version.status).toBe('INVALID');
    expect(refused.fileRemains).toBe(false);
  });

  it('refuses declared labels that differ from the ones the classifier carries', async () => {
    const refused = await refusedUpload(logisticRegressionOnnx({ features: 4, labels: ['no', 'yes'] }), {
      outputLabels: ['yes', 'no'],
    });
    expect(refused.version).toMatchObject({
      status: 'INVALID',
      statusReason: 'outputLabels [yes, no] differ from the labels the model carries [no, yes]',
    });
    expect(refused.fileRemains).toBe(false);
  });

  it('refuses per-column inputs that do not match the declared feature names', async () => {
    const file = columnPipelineRegressorOnnx([
      { name: 'age', type: 'NUMBER' },
      { name: 'city', type: 'CATEGORY' },
    ]);
    const refused = await refusedUpload(file, {
      inputSchema: [
        { name: 'age', type: 'NUMBER' },
        { name: 'zip', type: 'CATEGORY' },
      ],
    });
    expect(refused.version.statusReason).toMatch(/not in the model: zip; not declared: city/);
  });
});
