/**
 * @jest-environment ./test/onnxruntime-environment.ts
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { sklearnModelFixtures, type SklearnModelFixture } from '../../../test/fixtures/onnx/sklearn-models';
import { inspectOnnxStream } from '../../onnx-reader/onnx-inspection';
import { checkInputSchema, resolveOutputLabels } from '../../onnx-reader/onnx-signature';
import type { RowPrediction } from '../serving-model';
import { ServingModel } from '../serving-model';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const fixtures = sklearnModelFixtures();
const cases = fixtures.map((fixture) => [fixture.name, fixture] as const);

/**
 * scikit-learn computes in float64, the files in float32 (~7 significant digits): values agree to 1e-5 of the
 * scale of the model's outputs (a value near 0 can be the difference of terms in the hundreds), probabilities to
 * 1e-5.
 */
const FLOAT32_TOLERANCE = 1e-5;
function expectClose(actual: number, expected: number, scale = 1) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(FLOAT32_TOLERANCE * scale);
}

function expectSklearnPredictions(fixture: SklearnModelFixture, predictions: RowPrediction[]) {
  expect(predictions).toHaveLength(fixture.rows.length);
  if (fixture.value) {
    const scale = Math.max(1, ...fixture.value.map(Math.abs));
    predictions.forEach((p, r) => {
      expect(p.label).toBeNull();
      expectClose(p.value!, fixture.value![r], scale);
    });
    return;
  }
  expect(predictions.map((p) => p.label)).toEqual(fixture.label);
  predictions.forEach((p, r) => {
    expect(p.probabilities!.map((c) => c.label)).toEqual(fixture.labels);
    p.probabilities!.forEach((c, k) => expectClose(c.probability, fixture.probabilities![r][k]));
  });
}

describe('scikit-learn models as skl2onnx exports them', () => {
  const models: ServingModel[] = [];
  afterAll(() => Promise.all(models.map((m) => m.release())));
  async function load(fixture: SklearnModelFixture, labels: string[] | null) {
    const model = await ServingModel.load(fixture.bytes, sha256(fixture.bytes), {
      features: fixture.features,
      labels,
    });
    models.push(model);
    return model;
  }

  it('covers ZipMap with integer and string labels, plain tensors, a regressor and a per-column pipeline', () => {
    const outputs = fixtures.map((f) => f.file).sort();
    expect(outputs).toEqual([
      'column_pipeline_regression.onnx',
      'linear_regression.onnx',
      'logistic_regression_zipmap.onnx',
      'random_forest_tensor.onnx',
      'random_forest_zipmap.onnx',
    ]);
  });

  it.each(cases)(
    '%s: predicts as scikit-learn from positional rows, labels read from the file',
    async (_, fixture) => {
      const model = await load(fixture, null);
      expectSklearnPredictions(fixture, await model.predict(fixture.rows));
    },
  );

  it.each(cases)(
    '%s: predicts as scikit-learn from named rows, with the labels the registry records',
    async (_, fixture) => {
      const model = await load(fixture, fixture.labels);
      const named = fixture.rows.map((row) =>
        Object.fromEntries(fixture.features.map((f, i) => [f.name, row[i]])),
      );
      expectSklearnPredictions(fixture, await model.predict(named));
    },
  );

  it.each(cases)('%s: passes the inspector with its declared features and labels', async (_, fixture) => {
    const inspection = await inspectOnnxStream(Readable.from([fixture.bytes]));
    if (!inspection.valid) throw new Error(inspection.reason);
    expect(inspection.sha256).toBe(sha256(fixture.bytes));
    expect(() => checkInputSchema(inspection.model.info, fixture.features)).not.toThrow();
    expect(resolveOutputLabels(inspection.model.info, inspection.model.classLabels, fixture.labels)).toEqual(
      fixture.labels,
    );
  });
});
