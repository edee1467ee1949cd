/**
 * Runs an exported model in onnxruntime and compares it with the trainer's own predictions, so an artifact
 * that would predict differently from the model it came from is never registered.
 *
 * Tolerances: probabilities lie in [0, 1], so an absolute tolerance is meaningful. Regression predictions
 * are output · std + mean in any unit: onnxruntime sums the matrix products in another order than the trainer,
 * and float64 rounding then differs by a few ulps of the value itself, so a prediction of 1e7 legitimately
 * differs by ~1e-9 while one of 0.001 differs by ~1e-19. |a − b| ≤ tolerance · max(1, |expected|) is an
 * absolute tolerance for values up to 1 and a relative one beyond.
 */
import { InferenceSession, type Tensor } from 'onnxruntime-node';
import type { RawValue } from '../training/dataset-matrix';
import { ONNX_OUTPUTS } from '../onnx-metadata';
import { buildOnnxFeeds } from './onnx-feeds';
import type { TrainedModel } from '../training/trained-model';

/** The exported model predicts differently from the trained one. */
export class OnnxVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnnxVerificationError';
  }
}

export interface OnnxVerification {
  rows: number;
  /** Largest absolute difference seen over every compared probability or prediction. */
  maxDifference: number;
}

/** Rows per run: bounds the memory of the feeds and outputs whatever the number of rows. */
const BATCH_ROWS = 1024;

export async function verifyOnnxExport(
  onnxBytes: Uint8Array,
  model: TrainedModel,
  rows: RawValue[][],
  tolerance = 1e-5,
): Promise<OnnxVerification> {
  const features = model.parameters.preprocessing.features;
  const session = await InferenceSession.create(onnxBytes);
  try {
    let maxDifference = 0;
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      const batch = rows.slice(start, start + BATCH_ROWS);
      const outputs = await session.run(buildOnnxFeeds(features, batch));
      const compare = model.isClassifier ? compareClassifier : compareRegressor;
      maxDifference = Math.max(maxDifference, compare(outputs, model, batch, start, tolerance));
    }
    return { rows: rows.length, maxDifference };
  } finally {
    await session.release();
  }
}

type Outputs = InferenceSession.ReturnType;

function outputOf(outputs: Outputs, name: string, dims: number[]): Tensor {
  const tensor = outputs[name];
  if (!tensor) throw new OnnxVerificationError(`the exported model has no output "${name}"`);
  if (tensor.dims.length !== dims.length || tensor.dims.some((d, i) => d !== dims[i])) {
    throw new OnnxVerificationError(
      `output "${name}" has shape [${tensor.dims.join(', ')}], expected [${dims.join(', ')}]`,
    );
  }
  return tensor;
}

/** How far an ONNX value is from the trained model's; beyond `allowed`, an error naming the value (`where`). */
function difference(actual: number, expected: number, allowed: number, where: () => string): number {
  if (Object.is(actual, expected)) return 0;
  const apart = Math.abs(actual - expected);
  // Written so that NaN (never within any tolerance) fails too.
  if (!(apart <= allowed)) {
    throw new OnnxVerificationError(`${where()} is ${actual} in ONNX but ${expected} in the trained model`);
  }
  return apart;
}

/** Compares a batch of ONNX outputs with the trained model's predictions; returns the largest difference. */
type BatchComparison = (
  outputs: Outputs,
  model: TrainedModel,
  rows: RawValue[][],
  firstRow: number,
  tolerance: number,
) => number;

const compareClassifier: BatchComparison = (outputs, model, rows, firstRow, tolerance) => {
  const labels = model.parameters.labels!;
  const classes = labels.length;
  const probabilities = outputOf(outputs, ONNX_OUTPUTS.probabilities, [rows.length, classes])
    .data as Float64Array;
  const predicted = outputOf(outputs, ONNX_OUTPUTS.label, [rows.length]).data as string[];
  const expected = model.predictProba(rows);
  let max = 0;
  expected.forEach((row, r) => {
    row.forEach((p, c) => {
      const where = () =>
        `row ${firstRow + r}: output "${ONNX_OUTPUTS.probabilities}" for class "${labels[c]}"`;
      max = Math.max(max, difference(probabilities[r * classes + c], p, tolerance, where));
    });
    const label = predicted[r];
    const best = Math.max(...row);
    const labelIndex = labels.indexOf(label);
    // Two classes within tolerance of the top probability are a tie either side may break; any other label is wrong.
    if (labelIndex < 0 || best - row[labelIndex] > tolerance) {
      const trained = labels[row.indexOf(best)];
      throw new OnnxVerificationError(
        `row ${firstRow + r}: output "${ONNX_OUTPUTS.label}" is "${label}" in ONNX but "${trained}" in the trained model`,
      );
    }
  });
  return max;
};

const compareRegressor: BatchComparison = (outputs, model, rows, firstRow, tolerance) => {
  const predictions = outputOf(outputs, ONNX_OUTPUTS.prediction, [rows.length, 1]).data as Float64Array;
  const expected = model.predict(rows) as number[];
  let max = 0;
  expected.forEach((value, r) => {
    const where = () => `row ${firstRow + r}: output "${ONNX_OUTPUTS.prediction}"`;
    max = Math.max(max, difference(predictions[r], value, tolerance * Math.max(1, Math.abs(value)), where));
  });
  return max;
};
