/**
 * @jest-environment ./test/onnxruntime-environment.ts
 */
import { createHash } from 'node:crypto';
import {
  attribute,
  DataType,
  encodeModel,
  linearRegressionOnnx,
  pytorchMlpOnnx,
  tensorValue,
} from '../../../test/fixtures/onnx/sklearn';
import { loadFixture } from '../../../test/fixtures/datasets';
import type { FeatureSpec } from '../../feature';
import { exportOnnx } from '../../onnx-writer/onnx-export';
import { resolveHyperparameters } from '../../training/hyperparameters';
import { train } from '../../training/trainer';
import { FeedError } from '../onnx-feeds';
import { NonFiniteOutputError } from '../onnx-outputs';
import { ModelLoadError, ServingModel } from '../serving-model';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const numbers = (count: number): FeatureSpec[] =>
  Array.from({ length: count }, (_, i) => ({ name: `f${i}`, type: 'NUMBER' }));

async function load(bytes: Uint8Array, features: FeatureSpec[], labels: string[] | null = null) {
  return ServingModel.load(bytes, sha256(bytes), { features, labels });
}

describe('ServingModel', () => {
  const models: ServingModel[] = [];
  afterAll(() => Promise.all(models.map((m) => m.release())));
  const keep = (model: ServingModel) => (models.push(model), model);

  it("serves mlaas's own export: the trainer's labels and probabilities, from named rows", async () => {
    const iris = loadFixture('iris', 'label');
    const trained = await train(
      'LOGISTIC_REGRESSION',
      iris.train,
      resolveHyperparameters({ epochs: 30, seed: 1 }),
    );
    const bytes = exportOnnx(trained.model, { graphName: 'iris' });
    const features = iris.train.features;
    const model = keep(await load(bytes, features, trained.model.parameters.labels));

    const rows = iris.test.rows.slice(0, 10);
    const named = rows.map((row) => Object.fromEntries(features.map((f, i) => [f.name, row[i]])));
    const predictions = await model.predict(named);
    expect(predictions.map((p) => p.label)).toEqual(trained.model.predict(rows));
    for (const prediction of predictions) {
      expect(prediction.probabilities!.map((p) => p.label)).toEqual(trained.model.parameters.labels);
      expect(prediction.probabilities!.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 9);
    }
  });

  it('serves a regressor as a value per row', async () => {
    const model = keep(await load(linearRegressionOnnx({ features: 2 }), numbers(2)));
    // coefficients 0.5 and 1.5, intercept 1.5
    expect(
      await model.predict([
        [1, 1],
        [2, 0],
      ]),
    ).toEqual([
      { label: null, value: 3.5, probabilities: null },
      { label: null, value: 2.5, probabilities: null },
    ]);
  });

  it('serves a softmax-only net: the most probable class, named by the version labels', async () => {
    const bytes = pytorchMlpOnnx({ features: 3, classes: 3 });
    const model = keep(await load(bytes, numbers(3), ['cat', 'dog', 'owl']));
    const [prediction] = await model.predict([[0.2, -1, 3]]);
    const best = prediction.probabilities!.reduce((a, b) => (b.probability > a.probability ? b : a));
    expect(prediction.label).toBe(best.label);
    expect(prediction.probabilities!.map((p) => p.label)).toEqual(['cat', 'dog', 'owl']);
  });

  it('names classes by index when the version has no labels', async () => {
    const model = keep(await load(pytorchMlpOnnx({ features: 2, classes: 2 }), numbers(2)));
    const [prediction] = await model.predict([[1, 2]]);
    expect(prediction.probabilities!.map((p) => p.label)).toEqual(['0', '1']);
  });

  it('refuses bytes that are not the recorded ones, and files onnxruntime cannot load', async () => {
    const bytes = linearRegressionOnnx({ features: 2 });
    await expect(
      ServingModel.load(bytes, sha256(Buffer.from('other')), { features: numbers(2), labels: null }),
    ).rejects.toThrow(/SHA-256 is [0-9a-f]{64}, not the [0-9a-f]{64} recorded/);
    const garbage = Buffer.from('not an onnx file at all');
    await expect(load(garbage, numbers(2))).rejects.toThrow(ModelLoadError);
  });

  it('refuses a graph whose inputs cannot be fed from the features as a ModelLoadError', async () => {
    const halfPrecision = encodeModel({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        name: 'half',
        input: [tensorValue('x', DataType.FLOAT16, [null, 1])],
        node: [
          { opType: 'Cast', input: ['x'], output: ['y'], attribute: [attribute.int('to', DataType.FLOAT)] },
        ],
        output: [tensorValue('y', DataType.FLOAT, [null, 1])],
      },
    });
    await expect(load(halfPrecision, numbers(1))).rejects.toThrow(ModelLoadError);
    await expect(load(halfPrecision, numbers(1))).rejects.toThrow('cannot be fed from features');
  });

  it('answers a FeedError naming the feature for a row it cannot feed', async () => {
    const model = keep(await load(linearRegressionOnnx({ features: 2 }), numbers(2)));
    await expect(model.predict([[1, 'many']])).rejects.toThrow(FeedError);
    await expect(model.predict([[1, 'many']])).rejects.toThrow('feature "f1" of row 0');
    await expect(model.predict([[1, -1e39]])).rejects.toThrow('the model takes float32 values');
  });

  it('refuses an output that is not a finite number, naming the row', async () => {
    const model = keep(await load(linearRegressionOnnx({ features: 2 }), numbers(2)));
    // 0.5 · 3e38 + 1.5 · 3e38 overflows float32
    await expect(
      model.predict([
        [0, 0],
        [3e38, 3e38],
      ]),
    ).rejects.toThrow(new NonFiniteOutputError(1));
  });
});
