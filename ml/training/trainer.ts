/**
 * The training loop shared by the four algorithms: seeded validation split, preprocessing learned from the
 * training rows, mini-batch Adam with seeded shuffling, per-epoch metrics, early stopping on validation loss
 * (best weights restored) and cancellation between epochs.
 */
import type { FeatureSpec } from '../feature';
import {
  encodeClassTargets,
  encodeNumericTargets,
  fitPreprocessing,
  transformRows,
  type RawValue,
} from './dataset-matrix';
import {
  isClassifier,
  resolveHyperparameters,
  type Algorithm,
  type HyperparametersInput,
} from './hyperparameters';
import { createLinearRegression, createLogisticRegression } from './linear-model';
import { cloneLayers, createNetwork, parameterArrays, type DenseLayer } from './mlp';
import { evaluate, objectiveGradient, type Targets } from './objective';
import { Adam } from './optimizer';
import { createRandom, shuffledIndices } from './random';
import { TrainedModel } from './trained-model';

/** Raw training data: `rows[i][c]` is feature `features[c]` of row i, `target[i]` its label or value. */
export interface TrainingData {
  features: FeatureSpec[];
  rows: RawValue[][];
  target: RawValue[];
}

/** API.md's EpochMetrics; loss is the mean data loss (cross-entropy, or half MSE of the standardized target). */
export interface EpochMetrics {
  epoch: number;
  loss: number;
  validationLoss: number | null;
  accuracy: number | null;
  validationAccuracy: number | null;
  elapsedMs: number;
}

export interface TrainOptions {
  /** Called after each epoch, before the cancellation check; the next epoch waits for a returned promise. */
  onEpoch?: (metrics: EpochMetrics) => void | Promise<void>;
  /** Aborting stops training at the end of the running epoch with a TrainingCancelledError. */
  signal?: AbortSignal;
}

export interface TrainingResult {
  model: TrainedModel;
  history: EpochMetrics[];
  /** Epoch whose weights were kept (the best validation loss, or the last epoch without validation). */
  bestEpoch: number;
  stoppedEarly: boolean;
  /** Rows (indices into `data.rows`) held out for validation; empty when validationSplit is 0. */
  validationIndices: Uint32Array;
}

/** Training stopped because its AbortSignal was aborted. */
export class TrainingCancelledError extends Error {
  constructor(readonly epoch: number) {
    super(`training cancelled after epoch ${epoch}`);
    this.name = 'TrainingCancelledError';
  }
}

/** The data cannot train this algorithm (too few rows, one class, non-numeric target). */
export class TrainingDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingDataError';
  }
}

function pick<T>(values: T[], indices: Uint32Array): T[] {
  return Array.from(indices, (i) => values[i]);
}

/** Gathers a mini-batch of targets. */
function batchTargets(targets: Targets, order: Uint32Array, start: number, end: number): Targets {
  if (targets.kind === 'classes') {
    return { ...targets, indices: Uint32Array.from(order.subarray(start, end), (i) => targets.indices[i]) };
  }
  return { kind: 'values', values: Float64Array.from(order.subarray(start, end), (i) => targets.values[i]) };
}

/** Trains `algorithm` on `data`; resolves with the model of the best epoch and the metric history. */
export async function train(
  algorithm: Algorithm,
  data: TrainingData,
  hyperparametersInput: HyperparametersInput = {},
  options: TrainOptions = {},
): Promise<TrainingResult> {
  const hp = resolveHyperparameters(hyperparametersInput);
  const started = performance.now();
  const random = createRandom(hp.seed);
  const classifier = isClassifier(algorithm);

  const n = data.rows.length;
  if (data.target.length !== n)
    throw new TrainingDataError(`${n} feature rows but ${data.target.length} targets`);
  const width = data.features.length;
  const ragged = data.rows.findIndex((row) => row.length !== width);
  if (ragged >= 0)
    throw new TrainingDataError(`row ${ragged} has ${data.rows[ragged].length} cells, not ${width}`);
  const split = shuffledIndices(n, random);
  const validationCount = Math.floor(n * hp.validationSplit);
  const trainIndices = split.subarray(validationCount);
  const validationIndices = split.subarray(0, validationCount);
  if (trainIndices.length < 2) throw new TrainingDataError('at least 2 training rows are needed');

  const trainRows = pick(data.rows, trainIndices);
  const preprocessing = fitPreprocessing(data.features, trainRows);
  const trainX = transformRows(preprocessing, trainRows).data;
  const validationX = transformRows(preprocessing, pick(data.rows, validationIndices)).data;

  let trainY: Targets;
  let validationY: Targets;
  let labels: string[] | null = null;
  let targetScale: { mean: number; std: number } | null = null;
  if (classifier) {
    // Labels from every row, so a class present only in the validation rows still has an output.
    const encoded = encodeClassTargets(data.target);
    labels = encoded.labels;
    if (labels.length < 2) throw new TrainingDataError('the target column needs at least 2 classes');
    const classes = labels.length;
    trainY = { kind: 'classes', classes, indices: Uint32Array.from(trainIndices, (i) => encoded.indices[i]) };
    validationY = {
      kind: 'classes',
      classes,
      indices: Uint32Array.from(validationIndices, (i) => encoded.indices[i]),
    };
  } else {
    let values: Float64Array;
    try {
      values = encodeNumericTargets(data.target);
    } catch (error) {
      throw new TrainingDataError((error as Error).message);
    }
    const raw = Float64Array.from(trainIndices, (i) => values[i]);
    const mean = raw.reduce((s, v) => s + v, 0) / raw.length;
    const std = Math.sqrt(raw.reduce((s, v) => s + (v - mean) ** 2, 0) / raw.length) || 1;
    targetScale = { mean, std };
    const scale = (i: number): number => (values[i] - mean) / std;
    trainY = { kind: 'values', values: Float64Array.from(trainIndices, scale) };
    validationY = { kind: 'values', values: Float64Array.from(validationIndices, scale) };
  }

  const inputSize = preprocessing.inputSize;
  const layers: DenseLayer[] =
    algorithm === 'LOGISTIC_REGRESSION'
      ? createLogisticRegression(inputSize, labels!.length, random)
      : algorithm === 'LINEAR_REGRESSION'
        ? createLinearRegression(inputSize, random)
        : createNetwork(
            inputSize,
            hp.hiddenLayers,
            labels ? labels.length : 1,
            labels ? 'softmax' : 'identity',
            random,
          );

  const parameters = parameterArrays(layers);
  const gradients = parameters.map((p) => new Float64Array(p.length));
  const adam = new Adam(parameters, { learningRate: hp.learningRate });
  const trainCount = trainIndices.length;
  const batchX = new Float64Array(Math.min(hp.batchSize, trainCount) * inputSize);

  const history: EpochMetrics[] = [];
  let best = { loss: Infinity, epoch: 0, layers: cloneLayers(layers) };
  let stoppedEarly = false;

  for (let epoch = 1; epoch <= hp.epochs; epoch++) {
    const order = shuffledIndices(trainCount, random);
    for (let start = 0; start < trainCount; start += hp.batchSize) {
      const end = Math.min(start + hp.batchSize, trainCount);
      for (let b = start; b < end; b++) {
        const row = order[b];
        batchX.set(trainX.subarray(row * inputSize, (row + 1) * inputSize), (b - start) * inputSize);
      }
      const input = end - start === hp.batchSize ? batchX : batchX.subarray(0, (end - start) * inputSize);
      objectiveGradient(layers, input, batchTargets(trainY, order, start, end), hp.l2, gradients);
      adam.update(gradients);
    }

    const onTrain = evaluate(layers, trainX, trainY);
    const onValidation = validationCount > 0 ? evaluate(layers, validationX, validationY) : null;
    const metrics: EpochMetrics = {
      epoch,
      loss: onTrain.loss,
      validationLoss: onValidation?.loss ?? null,
      accuracy: onTrain.accuracy,
      validationAccuracy: onValidation?.accuracy ?? null,
      elapsedMs: Math.round(performance.now() - started),
    };
    history.push(metrics);
    await options.onEpoch?.(metrics);

    if (onValidation) {
      if (onValidation.loss < best.loss)
        best = { loss: onValidation.loss, epoch, layers: cloneLayers(layers) };
      else if (epoch - best.epoch >= hp.earlyStoppingPatience) {
        stoppedEarly = epoch < hp.epochs;
        break;
      }
    }
    // Yield to the event loop so an abort from elsewhere (a cancel message, a timer) is seen between epochs.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) throw new TrainingCancelledError(epoch);
  }

  const keep = validationCount > 0 ? best : { epoch: history.length, layers };
  const model = new TrainedModel({
    algorithm,
    hyperparameters: hp,
    preprocessing,
    labels,
    target: targetScale,
    layers: keep.layers,
  });
  return {
    model,
    history,
    bestEpoch: keep.epoch,
    stoppedEarly,
    validationIndices: validationIndices.slice(),
  };
}
