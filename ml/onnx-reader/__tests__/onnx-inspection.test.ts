import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  columnPipelineRegressorOnnx,
  encodeModel,
  linearRegressionOnnx,
  logisticRegressionOnnx,
  pytorchMlpOnnx,
  randomForestOnnx,
} from '../../../test/fixtures/onnx/sklearn';
import { inspectOnnxStream, type OnnxInspection } from '../onnx-inspection';

/** The file as S3 would stream it, in chunks of `chunkSize` bytes. */
function streamOf(bytes: Buffer, chunkSize = 16 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return Readable.from(chunks);
}

function valid(result: OnnxInspection) {
  if (!result.valid) throw new Error(`expected a valid model, got: ${result.reason}`);
  return result;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('inspectOnnxStream', () => {
  it('reads a skl2onnx logistic regression: inputs, ZipMap output, opsets and string labels', async () => {
    const file = logisticRegressionOnnx({ features: 4, labels: ['setosa', 'versicolor', 'virginica'] });
    const result = valid(await inspectOnnxStream(streamOf(file)));
    expect(result).toMatchObject({ sizeBytes: file.length, sha256: sha256(file) });
    expect(result.model).toEqual({
      info: {
        irVersion: 8,
        producerName: 'skl2onnx',
        producerVersion: '1.16.0',
        opsets: [
          { domain: 'ai.onnx', version: 17 },
          { domain: 'ai.onnx.ml', version: 1 },
        ],
        inputs: [{ name: 'float_input', type: 'tensor(float)', elementType: 'float', shape: [null, 4] }],
        outputs: [
          { name: 'output_label', type: 'tensor(string)', elementType: 'string', shape: [null] },
          {
            name: 'output_probability',
            type: 'seq(map(string,tensor(float)))',
            elementType: null,
            shape: null,
          },
        ],
      },
      classLabels: ['setosa', 'versicolor', 'virginica'],
    });
  });

  it('reads integer class labels as strings', async () => {
    const file = logisticRegressionOnnx({ features: 2, labels: [0, 1, 7] });
    const result = valid(await inspectOnnxStream(streamOf(file)));
    expect(result.model.classLabels).toEqual(['0', '1', '7']);
    expect(result.model.info.outputs[1].type).toBe('seq(map(int64,tensor(float)))');
  });

  it('reads a tree ensemble classifier with string labels', async () => {
    const file = randomForestOnnx({ features: 3, labels: ['no', 'yes'] });
    const result = valid(await inspectOnnxStream(streamOf(file)));
    expect(result.model.classLabels).toEqual(['no', 'yes']);
    expect(result.model.info.inputs).toEqual([
      { name: 'input', type: 'tensor(float)', elementType: 'float', shape: [null, 3] },
    ]);
  });

  it('reads a linear regressor and a one-input-per-column pipeline, which carry no labels', async () => {
    const regression = valid(await inspectOnnxStream(streamOf(linearRegressionOnnx({ features: 5 })))).model;
    expect(regression.classLabels).toBeNull();
    expect(regression.info.outputs).toEqual([
      { name: 'variable', type: 'tensor(float)', elementType: 'float', shape: [null, 1] },
    ]);
    const pipeline = valid(
      await inspectOnnxStream(
        streamOf(
          columnPipelineRegressorOnnx([
            { name: 'age', type: 'NUMBER' },
            { name: 'city', type: 'CATEGORY' },
          ]),
        ),
      ),
    ).model;
    expect(pipeline.info.inputs.map((i) => [i.name, i.type, i.shape])).toEqual([
      ['age', 'tensor(float)', [null, 1]],
      ['city', 'tensor(string)', [null, 1]],
    ]);
  });

  it('reads a PyTorch export: symbolic batch dimension, weights left out of the inputs', async () => {
    for (const legacyInitializerInputs of [false, true]) {
      const file = pytorchMlpOnnx({ features: 6, classes: 3, legacyInitializerInputs });
      const { info } = valid(await inspectOnnxStream(streamOf(file))).model;
      expect(info.inputs).toEqual([
        { name: 'input', type: 'tensor(float)', elementType: 'float', shape: [null, 6] },
      ]);
      expect(info.outputs).toEqual([
        { name: 'output', type: 'tensor(float)', elementType: 'float', shape: [null, 3] },
      ]);
      expect(info.opsets).toEqual([{ domain: 'ai.onnx', version: 17 }]);
    }
  });

  it('gives the same answer however the stream is chunked (fields split across chunk ends)', async () => {
    const file = randomForestOnnx({ features: 3, labels: ['a', 'b', 'c'], trees: 2 });
    const whole = valid(await inspectOnnxStream(streamOf(file, file.length)));
    for (const chunkSize of [1, 3, 7, 64]) {
      expect(valid(await inspectOnnxStream(streamOf(file, chunkSize)))).toEqual(whole);
    }
  });

  it('does not hold the weights: an 8 MB model validates with a 64 KB structure budget', async () => {
    const file = pytorchMlpOnnx({ features: 1000, hidden: 2000, classes: 10 });
    expect(file.length).toBeGreaterThan(8_000_000);
    const result = valid(await inspectOnnxStream(streamOf(file), 64 * 1024));
    expect(result).toMatchObject({ sizeBytes: file.length, sha256: sha256(file) });
  });

  it('does not hold tree node lists: a 150-tree forest validates with a 64 KB structure budget', async () => {
    const file = randomForestOnnx({ features: 20, labels: ['x', 'y'], trees: 150, depth: 8 });
    expect(file.length).toBeGreaterThan(2_000_000);
    const result = valid(await inspectOnnxStream(streamOf(file), 64 * 1024));
    expect(result.model.classLabels).toEqual(['x', 'y']);
  });

  it('refuses a structure larger than the budget', async () => {
    const file = logisticRegressionOnnx({ features: 4, labels: range(5000).map((i) => `label-${i}`) });
    const result = await inspectOnnxStream(streamOf(file), 16 * 1024);
    expect(result).toEqual({
      valid: false,
      reason: 'the graph structure (without weights) is larger than 16384 bytes',
    });
  });

  it.each([
    ['a CSV file', Buffer.from('sepal_length,sepal_width\n5.1,3.5\n'), /malformed protobuf/],
    ['a JSON file', Buffer.from('{"model": "not really"}'), /malformed protobuf/],
    ['random bytes', randomBytes(4096), /not an ONNX model/],
    ['an empty file', Buffer.alloc(0), /no IR version/],
    [
      'a truncated model',
      logisticRegressionOnnx({ features: 4, labels: ['a', 'b'] }).subarray(0, 200),
      /truncated|runs past/,
    ],
    [
      'a model without a graph',
      encodeModel({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }] }),
      /no graph/,
    ],
    ['a model without opsets', encodeModel({ irVersion: 8, graph: { name: 'g' } }), /no operator set/],
    [
      'a graph without inputs',
      encodeModel({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }], graph: { name: 'g' } }),
      /no inputs/,
    ],
  ])('refuses %s', async (_name, bytes, reason) => {
    const result = await inspectOnnxStream(streamOf(bytes));
    expect(result.valid).toBe(false);
    expect(!result.valid && result.reason).toMatch(reason);
  });
});

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

describe('inspectOnnxStream and lengths the bytes only claim', () => {
  // Field 2 of a ModelProto (producer_name, kept) claiming 7 GB in an 8-byte file: what CI's random bytes once did.
  const claimsGigabytes = Buffer.from([0x12, 0x80, 0x80, 0x80, 0x80, 0x1a, 0x00, 0x00]);

  it('refuses a field claiming more than the file holds as malformed, without allocating it', async () => {
    const result = await inspectOnnxStream(streamOf(claimsGigabytes));
    expect(result.valid).toBe(false);
    expect(!result.valid && result.reason).toMatch(/malformed protobuf/);
  });

  it('refuses a kept field larger than the structure limit before holding it', async () => {
    // producer_name of 2,048 bytes.
    const model = Buffer.concat([Buffer.from([0x12, 0x80, 0x10]), Buffer.alloc(2048, 0x61)]);
    const result = await inspectOnnxStream(streamOf(model), 1024);
    expect(result.valid).toBe(false);
    expect(!result.valid && result.reason).toMatch(/larger than 1024 bytes/);
  });
});
