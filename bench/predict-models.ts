import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { FeatureSpec } from '../ml/feature';
import { projectRoot } from '../lib/paths';
import { pytorchMlpOnnx } from '../test/fixtures/onnx/pytorch';
import { sklearnModelFixture } from '../test/fixtures/onnx/sklearn-models';
import { distinctRows, randomRows, repeatedRows, type RowSource } from './predict-rows';

/** A model the prediction bench deploys, what the bare server needs to serve it, and the rows it is sent. */
export interface BenchModel {
  /** The model's name on the platform (and OIP's `{name}`). */
  name: string;
  /** What it is, for the run's header. */
  description: string;
  framework: 'SKLEARN' | 'PYTORCH';
  /** The ONNX file on disk (the bare server reads it) and its bytes (uploaded through the gateway). */
  file: string;
  bytes: Buffer;
  features: FeatureSpec[];
  labels: string[];
  /** A row every target is sent before the load, and the label it must give: all serve the same model. */
  check: { row: number[]; label: string };
  distinct: RowSource;
  /** The held-out rows over and over, for models that have them. */
  repeated?: RowSource;
}

/**
 * scikit-learn's random forest on iris (4 features, 3 string classes, zipmap=False), the fixture the inference
 * tests check against scikit-learn's own predictions: one float tensor in, a label and a probability tensor out,
 * so that the bare server can run the file as it is. onnxruntime runs it in ~15 µs a row: the platform's own
 * cost per request is what this model measures.
 */
export function irisForest(): BenchModel {
  const fixture = sklearnModelFixture('random_forest_tensor.onnx');
  return {
    name: 'iris-forest',
    description: `${fixture.name} (${fixture.file})`,
    framework: 'SKLEARN',
    file: path.join(projectRoot, 'test', 'fixtures', 'onnx', 'sklearn', fixture.file),
    bytes: fixture.bytes,
    features: fixture.features,
    labels: fixture.labels!,
    check: { row: fixture.rows[0].map(Number), label: fixture.label![0] },
    distinct: distinctRows(fixture.rows),
    repeated: repeatedRows(fixture.rows),
  };
}

/**
 * A PyTorch-style MLP whose run dominates a request, as a realistic neural net's does: 256 features → 2048 →
 * 2048 → 10 classes (ReLU, softmax), 4.7 M multiply-adds and 19 MB of float32 weights a row. onnxruntime takes
 * ~0.2–2 ms for one row on the bench machine (2 shared cores: the weights no longer stay in cache), but ~0.07–0.4
 * ms a row in a batch of 64, which reads the weights once: what micro-batching is for.
 */
export const HEAVY_SHAPE = { features: 256, hidden: 2048, hiddenLayers: 2, classes: 10 };

export async function heavyMlp(): Promise<BenchModel> {
  const bytes = pytorchMlpOnnx(HEAVY_SHAPE);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-mlp-')), 'mlp.onnx');
  writeFileSync(file, bytes);
  const { features, hidden, hiddenLayers, classes } = HEAVY_SHAPE;
  const labels = Array.from({ length: classes }, (_, k) => `class${k}`);
  const row = Array.from({ length: features }, (_, i) => Math.round(Math.sin(i) * 1e4) / 1e4);
  return {
    name: 'heavy-mlp',
    description: `MLP ${features} → ${Array(hiddenLayers).fill(hidden).join(' → ')} → ${classes} (PyTorch-style ONNX)`,
    framework: 'PYTORCH',
    file,
    bytes,
    features: Array.from({ length: features }, (_, i) => ({ name: `f${i}`, type: 'NUMBER' })),
    labels,
    check: { row, label: labels[await argmax(bytes, row)] },
    distinct: randomRows(features),
  };
}

/** The class onnxruntime gives the row in this process: what every target must answer for it. */
async function argmax(bytes: Buffer, row: number[]): Promise<number> {
  const session = await InferenceSession.create(bytes);
  try {
    const outputs = await session.run({
      [session.inputNames[0]]: new Tensor('float32', Float32Array.from(row), [1, row.length]),
    });
    const probabilities = Array.from(outputs[session.outputNames[0]].data as Float32Array);
    return probabilities.indexOf(Math.max(...probabilities));
  } finally {
    await session.release();
  }
}
