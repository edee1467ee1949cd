/**
 * @jest-environment ./test/onnxruntime-environment.ts
 */
import { Readable } from 'node:stream';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { inspectOnnxStream } from '../../onnx-reader/onnx-inspection';
import { checkInputSchema } from '../../onnx-reader/onnx-signature';
import type { FeatureSpec } from '../../feature';
import type { NumericFeatureStats, RawValue } from '../../training/dataset-matrix';
import { exportOnnx } from '../onnx-export';
import { buildOnnxFeeds } from '../../onnx-runtime/onnx-feeds';
import { verifyOnnxExport } from '../../onnx-runtime/onnx-verification';
import { createRandom } from '../../training/random';
import type { TrainedModel } from '../../training/trained-model';
import { train, type TrainingData } from '../../training/trainer';

const FEATURES: FeatureSpec[] = [
  { name: 'size', type: 'NUMBER' },
  { name: 'color', type: 'CATEGORY' },
  { name: 'weight', type: 'NUMBER' },
];
const COLORS = ['red', 'green', 'blue'];

/** Colors and sizes decide the class; about one cell in eight of size and of color is missing. */
function shapes(rows: number, kind: 'label' | 'number'): TrainingData {
  const random = createRandom(11);
  const data: RawValue[][] = [];
  const target: RawValue[] = [];
  for (let i = 0; i < rows; i++) {
    const color = COLORS[Math.floor(random.next() * 3)];
    const size = 10 + 5 * random.normal();
    const weight = 100 + 20 * random.normal();
    data.push([random.next() < 0.12 ? null : size, random.next() < 0.12 ? null : color, weight]);
    const score = size / 10 + (color === 'red' ? 1.5 : color === 'blue' ? -1 : 0) + weight / 200;
    target.push(kind === 'label' ? (score > 2 ? 'big' : 'small') : 30 * score + random.normal());
  }
  return { features: FEATURES, rows: data, target };
}

/** Rows a client could send that the training data never showed. */
const UNUSUAL_ROWS: RawValue[][] = [
  [12, 'purple', 90],
  [null, 'red', 110],
  [8, null, 95],
  [8, '', 95],
  [null, null, null],
  ['9.5', 'green', '101'],
  ['not a number', 'blue', 100],
  [Infinity, 'red', -Infinity],
];

async function onnxOutput(
  bytes: Uint8Array,
  feeds: Record<string, Tensor>,
  output: string,
): Promise<number[]> {
  const session = await InferenceSession.create(bytes);
  try {
    return [...((await session.run(feeds))[output].data as Float64Array)];
  } finally {
    await session.release();
  }
}

const means = (model: TrainedModel) =>
  model.parameters.preprocessing.features.filter((f): f is NumericFeatureStats => f.type === 'NUMBER');

describe.each([
  { algorithm: 'MLP_CLASSIFIER' as const, kind: 'label' as const, output: 'probabilities' },
  { algorithm: 'LINEAR_REGRESSION' as const, kind: 'number' as const, output: 'prediction' },
])('exportOnnx with categories and missing values: $algorithm', ({ algorithm, kind, output }) => {
  let model: TrainedModel;
  let bytes: Uint8Array;

  beforeAll(async () => {
    const data = shapes(400, kind);
    model = (await train(algorithm, data, { epochs: 10, hiddenLayers: [8, 8], seed: 3 })).model;
    bytes = exportOnnx(model, { graphName: 'shapes' });
  });

  it('matches the trainer on training rows and on unseen categories, missing and unreadable values', async () => {
    const rows = [...shapes(400, kind).rows, ...UNUSUAL_ROWS];
    const result = await verifyOnnxExport(bytes, model, rows);
    expect(result).toEqual({ rows: rows.length, maxDifference: expect.any(Number) });
    expect(result.maxDifference).toBeLessThan(1e-9);
  });

  it('takes NaN and ±Infinity as the training mean, sent straight to the graph', async () => {
    const [size, weight] = means(model).map((f) => f.mean);
    const raw = (sizes: number[], weights: number[]) => ({
      size: new Tensor('float64', Float64Array.from(sizes), [sizes.length, 1]),
      color: new Tensor(
        'string',
        sizes.map(() => 'red'),
        [sizes.length, 1],
      ),
      weight: new Tensor('float64', Float64Array.from(weights), [weights.length, 1]),
    });
    const missing = await onnxOutput(
      bytes,
      raw([NaN, Infinity, -Infinity], [NaN, -Infinity, Infinity]),
      output,
    );
    const atMean = await onnxOutput(bytes, raw([size, size, size], [weight, weight, weight]), output);
    expect(missing).toEqual(atMean);
    const elsewhere = await onnxOutput(bytes, raw([size + 20], [weight]), output);
    expect(elsewhere).not.toEqual(atMean.slice(0, elsewhere.length));
  });

  it('encodes an unseen category and a missing one as all zeros, unlike a known one', async () => {
    const rows: RawValue[][] = [
      [10, 'purple', 100],
      [10, '', 100],
      [10, null, 100],
      [10, 'red', 100],
    ];
    const values = await onnxOutput(bytes, buildOnnxFeeds(FEATURES, rows), output);
    const width = values.length / rows.length;
    const row = (r: number) => values.slice(r * width, (r + 1) * width);
    expect(row(1)).toEqual(row(0));
    expect(row(2)).toEqual(row(0));
    expect(row(3)).not.toEqual(row(0));
  });

  it('declares a string input for the category and imports ai.onnx.ml', async () => {
    const result = await inspectOnnxStream(Readable.from([Buffer.from(bytes)]));
    if (!result.valid) throw new Error(result.reason);
    const { info } = result.model;
    expect(info.inputs.map((i) => [i.name, i.type, i.shape])).toEqual([
      ['size', 'tensor(double)', [null, 1]],
      ['color', 'tensor(string)', [null, 1]],
      ['weight', 'tensor(double)', [null, 1]],
    ]);
    expect(info.opsets).toEqual([
      { domain: 'ai.onnx', version: 17 },
      { domain: 'ai.onnx.ml', version: 1 },
    ]);
    expect(() => checkInputSchema(info, FEATURES)).not.toThrow();
  });
});

it('exports a category column that was always missing in training: the input stays, it changes nothing', async () => {
  const data = shapes(100, 'number');
  const rows = data.rows.map((row) => [row[0], null, row[2]]);
  const { model } = await train('LINEAR_REGRESSION', { ...data, rows }, { epochs: 3 });
  const bytes = exportOnnx(model, { graphName: 'no colors' });
  const result = await verifyOnnxExport(bytes, model, [...rows, [10, 'red', 100]]);
  expect(result.maxDifference).toBeLessThan(1e-9);
});
