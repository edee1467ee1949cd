/**
 * @jest-environment ./test/onnxruntime-environment.ts
 */
import { Readable } from 'node:stream';
import { onnx } from 'onnx-proto';
import { inspectOnnxStream } from '../../onnx-reader/onnx-inspection';
import { checkInputSchema, resolveOutputLabels } from '../../onnx-reader/onnx-signature';
import type { Algorithm } from '../../training/hyperparameters';
import { exportOnnx, OnnxExportError } from '../onnx-export';
import { OnnxVerificationError, verifyOnnxExport } from '../../onnx-runtime/onnx-verification';
import { TrainedModel } from '../../training/trained-model';
import { train } from '../../training/trainer';
import { loadFixture, type Fixture } from '../../../test/fixtures/datasets';

const FAST = { epochs: 8, seed: 1 };
const cases: {
  algorithm: Algorithm;
  fixture: string;
  targetType: 'label' | 'number';
  hiddenLayers?: number[];
}[] = [
  { algorithm: 'LOGISTIC_REGRESSION', fixture: 'iris', targetType: 'label' },
  { algorithm: 'MLP_CLASSIFIER', fixture: 'breast_cancer', targetType: 'label', hiddenLayers: [16, 8] },
  { algorithm: 'LINEAR_REGRESSION', fixture: 'regression', targetType: 'number' },
  { algorithm: 'MLP_REGRESSOR', fixture: 'regression', targetType: 'number', hiddenLayers: [16, 8] },
];

async function inspect(bytes: Uint8Array) {
  const result = await inspectOnnxStream(Readable.from([Buffer.from(bytes)]));
  if (!result.valid) throw new Error(`the registry refused the export: ${result.reason}`);
  return result.model;
}

const allRows = (fixture: Fixture) => [...fixture.train.rows, ...fixture.test.rows];

describe.each(cases)(
  'exportOnnx: $algorithm on $fixture',
  ({ algorithm, fixture: name, targetType, hiddenLayers }) => {
    let fixture: Fixture;
    let model: TrainedModel;
    let bytes: Uint8Array;

    beforeAll(async () => {
      fixture = loadFixture(name, targetType);
      model = (await train(algorithm, fixture.train, { ...FAST, hiddenLayers })).model;
      bytes = exportOnnx(model, { graphName: `${name}_${algorithm}`, docString: 'exported in a test' });
    });

    it('predicts in onnxruntime what the trainer predicts, on training and test rows', async () => {
      const rows = allRows(fixture);
      const result = await verifyOnnxExport(bytes, model, rows);
      expect(result.rows).toBe(rows.length);
      // float64 in both: only the summation order differs, far below the 1e-5 tolerance.
      expect(result.maxDifference).toBeLessThan(1e-9);
    });

    it('passes the registry checks an uploaded ONNX file goes through', async () => {
      const described = await inspect(bytes);
      const features = fixture.train.features;
      expect(() => checkInputSchema(described.info, features)).not.toThrow();
      const labels = model.parameters.labels;
      // The inspector reads the labels the file carries, so a declared list is checked against them.
      expect(described.classLabels).toEqual(labels);
      expect(resolveOutputLabels(described.info, described.classLabels, labels)).toEqual(labels);
      expect(described.info.inputs).toEqual(
        features.map((f) => ({
          name: f.name,
          type: 'tensor(double)',
          elementType: 'double',
          shape: [null, 1],
        })),
      );
      expect(described.info.producerName).toBe('mlaas');
      expect(described.info.opsets).toEqual([{ domain: 'ai.onnx', version: 17 }]);
      const outputs = described.info.outputs.map((o) => [o.name, o.type, o.shape]);
      expect(outputs).toEqual(
        labels
          ? [
              ['label', 'tensor(string)', [null]],
              ['probabilities', 'tensor(double)', [null, labels.length]],
            ]
          : [['prediction', 'tensor(double)', [null, 1]]],
      );
    });

    it('records the algorithm, the features and the labels in metadata_props', () => {
      const proto = onnx.ModelProto.decode(bytes);
      const metadata = Object.fromEntries(proto.metadataProps.map((p) => [p.key, p.value]));
      expect(metadata.algorithm).toBe(algorithm);
      expect(JSON.parse(metadata.features)).toEqual(fixture.train.features);
      expect(metadata.labels && JSON.parse(metadata.labels)).toEqual(model.parameters.labels ?? undefined);
      expect(proto.graph?.name).toBe(`${name}_${algorithm}`);
      expect(proto.docString).toBe('exported in a test');
    });

    it('fails verification when the model differs from the export by one weight', async () => {
      const layers = model.parameters.layers.map((l) => ({ ...l, weights: l.weights.slice() }));
      layers[0].weights[0] += 0.5;
      const tampered = new TrainedModel({ ...model.parameters, layers });
      const output = model.isClassifier ? 'probabilities' : 'prediction';
      const error = await verifyOnnxExport(bytes, tampered, fixture.test.rows).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OnnxVerificationError);
      expect((error as Error).message).toMatch(
        new RegExp(`^row \\d+: output "${output}".* is \\S+ in ONNX but \\S+`),
      );
    });
  },
);

describe('verifyOnnxExport', () => {
  it('fails when the export is verified against another model', async () => {
    const fixture = loadFixture('iris', 'label');
    const first = await train('LOGISTIC_REGRESSION', fixture.train, { ...FAST, seed: 1 });
    const second = await train('LOGISTIC_REGRESSION', fixture.train, { ...FAST, seed: 2 });
    const bytes = exportOnnx(first.model, { graphName: 'iris' });
    await expect(verifyOnnxExport(bytes, second.model, fixture.test.rows)).rejects.toThrow(
      /^row 0: output "probabilities" for class "setosa" is \S+ in ONNX but \S+ in the trained model$/,
    );
  });

  it('fails on the label alone when the probabilities agree but the labels are in another order', async () => {
    const fixture = loadFixture('iris', 'label');
    const { model } = await train('LOGISTIC_REGRESSION', fixture.train, FAST);
    const bytes = exportOnnx(model, { graphName: 'iris' });
    const reversed = new TrainedModel({
      ...model.parameters,
      labels: [...model.parameters.labels!].reverse(),
    });
    await expect(verifyOnnxExport(bytes, reversed, fixture.test.rows)).rejects.toThrow(
      /^row \d+: output "label" is "\w+" in ONNX but "\w+" in the trained model$/,
    );
  });

  it('holds regression predictions of large values to a relative tolerance', async () => {
    const fixture = loadFixture('regression', 'number');
    // Prices in the hundreds of millions: an absolute 1e-5 would be below float64's resolution there.
    const target = fixture.train.target.map((t) => 1e8 + 1e5 * (t as number));
    const { model } = await train(
      'MLP_REGRESSOR',
      { ...fixture.train, target },
      { ...FAST, hiddenLayers: [8] },
    );
    const bytes = exportOnnx(model, { graphName: 'prices' });
    const result = await verifyOnnxExport(bytes, model, fixture.test.rows);
    expect(result.maxDifference).toBeLessThan(1e8 * 1e-12);
    const shifted = new TrainedModel({
      ...model.parameters,
      target: { ...model.parameters.target!, mean: 1e8 + 1e4 },
    });
    await expect(verifyOnnxExport(bytes, shifted, fixture.test.rows)).rejects.toThrow(OnnxVerificationError);
  });
});

describe('exportOnnx refusals', () => {
  it('refuses a feature named like an output of the graph', async () => {
    const fixture = loadFixture('iris', 'label');
    const features = fixture.train.features.map((f, i) => (i === 0 ? { ...f, name: 'label' } : f));
    const { model } = await train('LOGISTIC_REGRESSION', { ...fixture.train, features }, FAST);
    expect(() => exportOnnx(model, { graphName: 'iris' })).toThrow(
      new OnnxExportError('feature "label" has the name of an output of the ONNX graph'),
    );
  });
});
