/**
 * Reads a prediction out of a graph's outputs, whichever exporter wrote it:
 * - a label tensor and a probability tensor (mlaas's `label`/`probabilities`, skl2onnx without ZipMap);
 * - a label tensor beside a ZipMap sequence of maps, which onnxruntime-node cannot return: only the tensors are
 *   fetched (ServingModel rewrites such graphs first to output the probability tensor, see zipmap-rewrite.ts);
 * - one probability tensor `[N, K]` (a PyTorch net ending in softmax): the label is the most probable class;
 * - one value tensor `[N, 1]` or `[N]` (regressors: mlaas's `prediction`, skl2onnx's `variable`).
 */
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { OnnxValueInfo } from '../onnx-reader/onnx-model-info';

/** No output of the graph can be read as a prediction. */
export class OutputPlanError extends Error {}

export interface ClassProbability {
  label: string;
  probability: number;
}

/** One row's prediction: a class (with its probabilities when the model gives them) or a value. */
export interface RowPrediction {
  label: string | null;
  value: number | null;
  probabilities: ClassProbability[] | null;
}

/** Which outputs to fetch and how to read them. */
export interface OutputPlan {
  fetch: string[];
  label: string | null;
  probabilities: string | null;
  value: string | null;
  /** Class labels in probability order; null when the model gives none (indexes are used then). */
  labels: readonly string[] | null;
}

const FLOATS = new Set(['float', 'double', 'float16']);
const LABEL_TYPES = new Set(['string', 'int64', 'int32']);

const isTensor = (output: OnnxValueInfo) => output.type.startsWith('tensor(');
/** One value per row: `[N]` or `[N, 1]` (or unknown). */
const isColumn = (output: OnnxValueInfo) =>
  !output.shape || output.shape.length === 1 || (output.shape.length === 2 && output.shape[1] === 1);

export function planOutputs(outputs: readonly OnnxValueInfo[], labels: readonly string[] | null): OutputPlan {
  const tensors = outputs.filter(isTensor);
  const label = tensors.find((o) => LABEL_TYPES.has(o.elementType ?? '') && isColumn(o)) ?? null;
  const floats = tensors.filter((o) => FLOATS.has(o.elementType ?? ''));
  const wide = floats.find((o) => !isColumn(o)) ?? null;
  const classifier = label !== null || wide !== null || (labels !== null && labels.length > 1);
  const probabilities = classifier ? (wide ?? (label ? null : (floats[0] ?? null))) : null;
  const value = classifier ? null : (floats[0] ?? null);
  if (!label && !probabilities && !value)
    throw new OutputPlanError(
      `no output of the model can be read as a prediction (${outputs.map((o) => o.type).join(', ')})`,
    );
  const fetch = [label, probabilities, value]
    .filter((o): o is OnnxValueInfo => o !== null)
    .map((o) => o.name);
  return {
    fetch,
    label: label?.name ?? null,
    probabilities: probabilities?.name ?? null,
    value: value?.name ?? null,
    labels,
  };
}

export function readPredictions(
  plan: OutputPlan,
  results: InferenceSession.OnnxValueMapType,
  rows: number,
): RowPrediction[] {
  const labels = plan.label ? columnOf(results[plan.label], rows).map(String) : null;
  const probabilities = plan.probabilities ? matrixOf(results[plan.probabilities], rows) : null;
  const values = plan.value ? columnOf(results[plan.value], rows).map(Number) : null;
  return Array.from({ length: rows }, (_, r): RowPrediction => {
    if (values) return { label: null, value: finite(values[r], r), probabilities: null };
    const row = probabilities?.[r].map((probability) => finite(probability, r)) ?? null;
    const named = row?.map((probability, k) => ({ label: classLabel(plan, k), probability })) ?? null;
    return { label: labels ? labels[r] : classLabel(plan, argmax(row!)), value: null, probabilities: named };
  });
}

/** A row whose output is not a finite number (an input far outside what the model was fitted on, usually). */
export class NonFiniteOutputError extends Error {
  constructor(readonly row: number) {
    super(`the model's output for row ${row} is not a finite number`);
    this.name = 'NonFiniteOutputError';
  }
}

function finite(value: number, row: number): number {
  if (!Number.isFinite(value)) throw new NonFiniteOutputError(row);
  return value;
}

const classLabel = (plan: OutputPlan, index: number) => plan.labels?.[index] ?? String(index);

function columnOf(tensor: Tensor, rows: number): (string | number | bigint)[] {
  const data = tensor.data as ArrayLike<string | number | bigint>;
  const width = data.length / rows;
  return Array.from({ length: rows }, (_, r) => data[r * width]);
}

function matrixOf(tensor: Tensor, rows: number): number[][] {
  const data = tensor.data as ArrayLike<number>;
  const width = data.length / rows;
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: width }, (_, k) => Number(data[r * width + k])),
  );
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
  return best;
}
