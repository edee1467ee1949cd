/**
 * The rows a training run sees: checked for shape, split (seeded) into training and validation rows, features
 * preprocessed with statistics learned from the training rows only, targets encoded for the objective.
 */
import type { FeatureSpec } from '../feature';
import {
  encodeClassTargets,
  encodeNumericTargets,
  fitPreprocessing,
  transformRows,
  type Preprocessing,
  type RawValue,
} from './dataset-matrix';
import type { Targets } from './objective';
import { shuffledIndices, type Random } from './random';

/** Raw training data: `rows[i][c]` is feature `features[c]` of row i, `target[i]` its label or value. */
export interface TrainingData {
  features: FeatureSpec[];
  rows: RawValue[][];
  target: RawValue[];
}

/** The data cannot train this algorithm (too few rows, one class, non-numeric target). */
export class TrainingDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingDataError';
  }
}

/** How a regression target was standardized for training (the model undoes it when predicting). */
export interface TargetScale {
  mean: number;
  std: number;
}

interface EncodedTargets {
  trainY: Targets;
  validationY: Targets;
  /** Class labels of a classifier, null for a regressor. */
  labels: string[] | null;
  /** The regressor's target standardization, null for a classifier. */
  targetScale: TargetScale | null;
}

/** Training and validation rows as the objective reads them, with what the model needs to repeat it. */
export interface TrainingSet extends EncodedTargets {
  preprocessing: Preprocessing;
  trainX: Float64Array;
  validationX: Float64Array;
  /** Rows (indices into `data.rows`) trained on. */
  trainIndices: Uint32Array;
  /** Rows (indices into `data.rows`) held out for validation; empty when validationSplit is 0. */
  validationIndices: Uint32Array;
}

function pick<T>(values: T[], indices: Uint32Array): T[] {
  return Array.from(indices, (i) => values[i]);
}

function checkShape(data: TrainingData): void {
  const n = data.rows.length;
  if (data.target.length !== n)
    throw new TrainingDataError(`${n} feature rows but ${data.target.length} targets`);
  const width = data.features.length;
  const ragged = data.rows.findIndex((row) => row.length !== width);
  if (ragged >= 0)
    throw new TrainingDataError(`row ${ragged} has ${data.rows[ragged].length} cells, not ${width}`);
}

function splitRows(
  rowCount: number,
  validationSplit: number,
  random: Random,
): { trainIndices: Uint32Array; validationIndices: Uint32Array } {
  const split = shuffledIndices(rowCount, random);
  const validationCount = Math.floor(rowCount * validationSplit);
  const trainIndices = split.subarray(validationCount);
  if (trainIndices.length < 2) throw new TrainingDataError('at least 2 training rows are needed');
  return { trainIndices, validationIndices: split.subarray(0, validationCount) };
}

function encodeClasses(
  target: RawValue[],
  trainIndices: Uint32Array,
  validationIndices: Uint32Array,
): EncodedTargets {
  // Labels from every row, so a class present only in the validation rows still has an output.
  const encoded = encodeClassTargets(target);
  const labels = encoded.labels;
  if (labels.length < 2) throw new TrainingDataError('the target column needs at least 2 classes');
  const classes = labels.length;
  const subset = (indices: Uint32Array): Targets => ({
    kind: 'classes',
    classes,
    indices: Uint32Array.from(indices, (i) => encoded.indices[i]),
  });
  return { trainY: subset(trainIndices), validationY: subset(validationIndices), labels, targetScale: null };
}

/** Standardizes the target with the training rows' mean and standard deviation. */
function encodeValues(
  target: RawValue[],
  trainIndices: Uint32Array,
  validationIndices: Uint32Array,
): EncodedTargets {
  let values: Float64Array;
  try {
    values = encodeNumericTargets(target);
  } catch (error) {
    throw new TrainingDataError((error as Error).message);
  }
  const raw = Float64Array.from(trainIndices, (i) => values[i]);
  const mean = raw.reduce((s, v) => s + v, 0) / raw.length;
  const std = Math.sqrt(raw.reduce((s, v) => s + (v - mean) ** 2, 0) / raw.length) || 1;
  const scale = (i: number): number => (values[i] - mean) / std;
  return {
    trainY: { kind: 'values', values: Float64Array.from(trainIndices, scale) },
    validationY: { kind: 'values', values: Float64Array.from(validationIndices, scale) },
    labels: null,
    targetScale: { mean, std },
  };
}

/** Checks, splits (drawing from `random`), preprocesses and encodes `data` for a classifier or a regressor. */
export function prepareTrainingSet(
  data: TrainingData,
  classifier: boolean,
  validationSplit: number,
  random: Random,
): TrainingSet {
  checkShape(data);
  const { trainIndices, validationIndices } = splitRows(data.rows.length, validationSplit, random);
  const trainRows = pick(data.rows, trainIndices);
  const preprocessing = fitPreprocessing(data.features, trainRows);
  const encode = classifier ? encodeClasses : encodeValues;
  return {
    preprocessing,
    trainX: transformRows(preprocessing, trainRows).data,
    validationX: transformRows(preprocessing, pick(data.rows, validationIndices)).data,
    trainIndices,
    validationIndices,
    ...encode(data.target, trainIndices, validationIndices),
  };
}
