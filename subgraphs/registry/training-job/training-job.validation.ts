import { echoInput, errors } from '../../../lib/errors';
import type { ColumnSummary } from '../dataset/column-stats';
import type { Dataset } from '../dataset/dataset.entity';
import type { Model } from '../model/model.entity';
import type { FeatureSpec } from '../../../ml/feature';
import {
  InvalidHyperparameterError,
  isClassifier,
  resolveHyperparameters,
  type Algorithm,
  type Hyperparameters,
  type HyperparametersInput,
} from '../../../ml/training/hyperparameters';

/** A classifier's target has at most this many classes (one output each). */
export const MAX_CLASSES = 1000;
export const MAX_FEATURES = 1000;
/** One-hot columns at most, over all CATEGORY features: the input layer's width. */
export const MAX_ENCODED_INPUTS = 10_000;
/** Rows × features at most: the data a worker holds in memory while training. */
export const MAX_TRAINING_CELLS = 50_000_000;
/**
 * Weights and biases at most. Training keeps five float64 copies of them (weights, gradients, Adam's two
 * moments, the best epoch's), so 10 million are about 400 MB: a job may not take down the worker it runs on.
 */
export const MAX_PARAMETERS = 10_000_000;

export interface TrainingJobRequest {
  targetColumn: string;
  featureColumns?: readonly string[] | null;
  algorithm: Algorithm;
  hyperparameters?: HyperparametersInput | null;
}

export interface CheckedTrainingJob {
  targetColumn: string;
  features: FeatureSpec[];
  hyperparameters: Hyperparameters;
}

/**
 * Everything that can be known wrong before a job is queued, each answered as BAD_USER_INPUT naming the field:
 * the dataset is READY, the columns exist, the target fits the algorithm and the model's task, the
 * hyperparameters are in range, and the encoded data fits a worker.
 */
export function checkTrainingJob(
  model: Model,
  dataset: Dataset,
  input: TrainingJobRequest,
): CheckedTrainingJob {
  if (dataset.status !== 'READY') {
    throw errors.badInput(
      `Dataset "${dataset.name}" is ${dataset.status}; only a READY dataset can be trained on`,
      'input.datasetId',
    );
  }
  const classifier = isClassifier(input.algorithm);
  const task = classifier ? 'CLASSIFICATION' : 'REGRESSION';
  if (model.taskType !== task) {
    throw errors.badInput(
      `${input.algorithm} trains ${task} models, and model "${model.name}" is a ${model.taskType} model`,
      'input.algorithm',
    );
  }
  const columns = new Map(dataset.columns.map((column) => [column.name, column]));
  const target = columns.get(input.targetColumn);
  if (!target) throw unknownColumn(dataset, input.targetColumn, 'input.targetColumn');
  checkTarget(target, input.algorithm, dataset);

  const names = input.featureColumns ?? dataset.columns.map((c) => c.name).filter((n) => n !== target.name);
  if (names.length === 0 || names.length > MAX_FEATURES) {
    throw errors.badInput(`Name 1 to ${MAX_FEATURES} feature columns`, 'input.featureColumns');
  }
  const seen = new Set<string>();
  const features = names.map((name): FeatureSpec => {
    const column = columns.get(name);
    if (!column) throw unknownColumn(dataset, name, 'input.featureColumns');
    if (name === target.name) {
      throw errors.badInput(
        `"${name}" is the target column; it cannot be a feature too`,
        'input.featureColumns',
      );
    }
    if (seen.has(name)) throw errors.badInput(`"${name}" is listed twice`, 'input.featureColumns');
    seen.add(name);
    return { name, type: column.type };
  });
  let encodedInputs = 0;
  for (const feature of features) {
    const column = columns.get(feature.name)!;
    if (feature.type === 'NUMBER') encodedInputs += 1;
    else if (column.distinctCount === null) {
      throw errors.badInput(
        `Column "${feature.name}" has too many distinct values to be one-hot encoded`,
        'input.featureColumns',
      );
    } else encodedInputs += column.distinctCount;
  }
  if (encodedInputs > MAX_ENCODED_INPUTS) {
    throw errors.badInput(
      `The features encode to ${encodedInputs} inputs (each category is one); at most ${MAX_ENCODED_INPUTS}`,
      'input.featureColumns',
    );
  }
  if ((dataset.rowCount ?? 0) * features.length > MAX_TRAINING_CELLS) {
    throw errors.badInput(
      `${dataset.rowCount} rows × ${features.length} features is more than the ${MAX_TRAINING_CELLS} values a job may train on`,
      'input.featureColumns',
    );
  }

  let hyperparameters: Hyperparameters;
  try {
    hyperparameters = resolveHyperparameters(input.hyperparameters ?? {});
  } catch (error) {
    if (error instanceof InvalidHyperparameterError) {
      throw errors.badInput(error.message, `input.hyperparameters.${error.field}`);
    }
    throw error;
  }
  const outputs = classifier ? target.distinctCount! : 1;
  const hidden = input.algorithm.startsWith('MLP_') ? hyperparameters.hiddenLayers : [];
  const sizes = [encodedInputs, ...hidden, outputs];
  const parameters = sizes.slice(1).reduce((sum, size, i) => sum + (sizes[i] + 1) * size, 0);
  if (parameters > MAX_PARAMETERS) {
    throw errors.badInput(
      `The network would have ${parameters} parameters; at most ${MAX_PARAMETERS}`,
      hidden.length > 0 ? 'input.hyperparameters.hiddenLayers' : 'input.featureColumns',
    );
  }
  return { targetColumn: target.name, features, hyperparameters };
}

function checkTarget(target: ColumnSummary, algorithm: Algorithm, dataset: Dataset): void {
  const field = 'input.targetColumn';
  const present = (dataset.rowCount ?? 0) - target.missingCount;
  if (present < 2) throw errors.badInput(`Column "${target.name}" has fewer than 2 values`, field);
  if (isClassifier(algorithm)) {
    const classes = target.distinctCount;
    if (classes === null || classes > MAX_CLASSES) {
      throw errors.badInput(
        `Column "${target.name}" has more than ${MAX_CLASSES} distinct values: too many classes for ${algorithm}`,
        field,
      );
    }
    if (classes < 2)
      throw errors.badInput(`Column "${target.name}" has one value: nothing to classify`, field);
  } else if (target.type !== 'NUMBER') {
    throw errors.badInput(
      `Column "${target.name}" is ${target.type}; ${algorithm} predicts a NUMBER column`,
      field,
    );
  }
}

function unknownColumn(dataset: Dataset, name: string, field: string) {
  return errors.badInput(`Dataset "${dataset.name}" has no column "${echoInput(name)}"`, field);
}
