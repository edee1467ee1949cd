/**
 * Input tensors → the rows PredictionService takes, against the deployment's features. Two layouts, as the models
 * themselves take them (ml/onnx-runtime/onnx-feeds.ts):
 * - one tensor per feature, named after it, shape [N] or [N, 1];
 * - one tensor [N, F] of every feature in declared order, under any name (the ONNX input's, "input"…).
 * A NUMBER feature takes FP32, FP64 or INT64; a CATEGORY feature takes BYTES.
 */
import { errors } from '../../../lib/errors';
import type { FeatureSpec } from '../../../ml/feature';
import type { Datatype, InputTensor, TensorValue } from './inference-request';

/** A row as PredictionService takes it: every feature by name. */
export interface NamedRow {
  named: Record<string, TensorValue>;
}

export interface TensorRows {
  rows: NamedRow[];
  /** The tensor a feature's values came from, so that an error about the feature names the tensor. */
  tensorOf(feature: string): string;
}

const bad = (message: string) => errors.badInput(message, 'inputs');

const NUMERIC: ReadonlySet<Datatype> = new Set(['FP32', 'FP64', 'INT64']);

/** Rows of every feature, or BAD_USER_INPUT naming the tensor; at most `maxRows` of them. */
export function tensorRows(
  inputs: readonly InputTensor[],
  features: readonly FeatureSpec[],
  maxRows: number,
): TensorRows {
  const matrix = asMatrix(inputs, features);
  const rows = matrix ? matrixRows(matrix, features) : perFeatureRows(inputs, features);
  if (rows.length === 0) throw bad('The inputs hold no row');
  if (rows.length > maxRows) throw bad(`The inputs hold ${rows.length} rows; at most ${maxRows} are served`);
  return { rows, tensorOf: (feature) => matrix?.name ?? feature };
}

/** The one [N, F] tensor, when that is what was sent. */
function asMatrix(inputs: readonly InputTensor[], features: readonly FeatureSpec[]): InputTensor | null {
  if (inputs.length !== 1) return null;
  const [input] = inputs;
  const namedAfterFeature = features.some((f) => f.name === input.name);
  if (input.shape.length !== 2 || (namedAfterFeature && features.length > 1)) return null;
  if (input.shape[1] !== features.length)
    throw bad(
      `input tensor "${input.name}" has shape [${input.shape.join(', ')}]; the model takes ${features.length} ` +
        `features: [N, ${features.length}], or one tensor per feature (${features.map((f) => f.name).join(', ')})`,
    );
  return input;
}

function matrixRows(input: InputTensor, features: readonly FeatureSpec[]): NamedRow[] {
  for (const feature of features) checkDatatype(input, feature);
  const width = features.length;
  return Array.from({ length: input.shape[0] }, (_, r) => ({
    named: Object.fromEntries(features.map((feature, j) => [feature.name, input.data[r * width + j]])),
  }));
}

function perFeatureRows(inputs: readonly InputTensor[], features: readonly FeatureSpec[]): NamedRow[] {
  const known = new Set(features.map((f) => f.name));
  const names = features.map((f) => f.name).join(', ');
  const unknown = inputs.find((input) => !known.has(input.name));
  if (unknown)
    throw bad(`input tensor "${unknown.name}" is not an input of the model; its inputs are ${names}`);
  const byName = new Map(inputs.map((input) => [input.name, input]));
  const missing = features.find((f) => !byName.has(f.name));
  if (missing) throw bad(`input tensor "${missing.name}" is missing; the model's inputs are ${names}`);
  const count = inputs[0].shape[0];
  for (const input of inputs) {
    const [n, width = 1, ...more] = input.shape;
    if (input.shape.length === 0 || width !== 1 || more.length)
      throw bad(
        `input tensor "${input.name}" has shape [${input.shape.join(', ')}]; a feature's is [N] or [N, 1]`,
      );
    if (n !== count)
      throw bad(`input tensor "${input.name}" has ${n} rows; "${inputs[0].name}" has ${count}`);
  }
  for (const feature of features) checkDatatype(byName.get(feature.name)!, feature);
  return Array.from({ length: count }, (_, r) => ({
    named: Object.fromEntries(features.map((f) => [f.name, byName.get(f.name)!.data[r]])),
  }));
}

function checkDatatype(input: InputTensor, feature: FeatureSpec): void {
  const fits = feature.type === 'CATEGORY' ? input.datatype === 'BYTES' : NUMERIC.has(input.datatype);
  if (fits) return;
  const wanted = feature.type === 'CATEGORY' ? 'BYTES' : 'FP32, FP64 or INT64';
  throw bad(
    `input tensor "${input.name}" is ${input.datatype}; feature "${feature.name}" is a ` +
      `${feature.type === 'CATEGORY' ? 'category' : 'number'} and takes ${wanted}`,
  );
}
