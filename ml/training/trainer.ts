/**
 * The training loop shared by the four algorithms: seeded validation split, preprocessing learned from the
 * training rows, mini-batch Adam with seeded shuffling, per-epoch metrics, early stopping on validation loss
 * (best weights restored) and cancellation between epochs.
 */
import {
  isClassifier,
  resolveHyperparameters,
  type Algorithm,
  type Hyperparameters,
  type HyperparametersInput,
} from './hyperparameters';
import { createLinearRegression, createLogisticRegression } from './linear-model';
import { cloneLayers, createNetwork, parameterArrays, type DenseLayer } from './mlp';
import { evaluate, objectiveGradient, type Targets } from './objective';
import { Adam } from './optimizer';
import { createRandom, shuffledIndices, type Random } from './random';
import { TrainedModel } from './trained-model';
import { prepareTrainingSet, type TrainingData, type TrainingSet } from './training-set';

export { TrainingDataError, type TrainingData } from './training-set';

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

/** One run of the epoch loop: the layers it trains in place and everything each epoch reads. */
interface EpochLoop {
  layers: DenseLayer[];
  set: TrainingSet;
  hp: Hyperparameters;
  /** Shuffles the training rows each epoch. */
  random: Random;
  options: TrainOptions;
  /** performance.now() when training started, for elapsedMs. */
  started: number;
}

interface EpochLoopOutcome {
  history: EpochMetrics[];
  /** The kept weights and their epoch. */
  kept: { epoch: number; layers: DenseLayer[] };
  stoppedEarly: boolean;
}

/** Fresh layers for the algorithm and the set's shape, initialized from `random`. */
function initialLayers(
  algorithm: Algorithm,
  set: TrainingSet,
  hiddenLayers: number[],
  random: Random,
): DenseLayer[] {
  const inputSize = set.preprocessing.inputSize;
  const { labels } = set;
  if (algorithm === 'LOGISTIC_REGRESSION') return createLogisticRegression(inputSize, labels!.length, random);
  if (algorithm === 'LINEAR_REGRESSION') return createLinearRegression(inputSize, random);
  const outputs = labels ? labels.length : 1;
  return createNetwork(inputSize, hiddenLayers, outputs, labels ? 'softmax' : 'identity', random);
}

/** Gathers a mini-batch of targets. */
function batchTargets(targets: Targets, order: Uint32Array, start: number, end: number): Targets {
  if (targets.kind === 'classes') {
    return { ...targets, indices: Uint32Array.from(order.subarray(start, end), (i) => targets.indices[i]) };
  }
  return { kind: 'values', values: Float64Array.from(order.subarray(start, end), (i) => targets.values[i]) };
}

/** Mini-batch Adam on the training rows: returns one epoch's pass, given that epoch's row order. */
function createMiniBatchDescent(
  layers: DenseLayer[],
  set: TrainingSet,
  hp: Hyperparameters,
): (order: Uint32Array) => void {
  const { trainX, trainY } = set;
  const { batchSize, l2 } = hp;
  const inputSize = set.preprocessing.inputSize;
  const parameters = parameterArrays(layers);
  const gradients = parameters.map((p) => new Float64Array(p.length));
  const adam = new Adam(parameters, { learningRate: hp.learningRate });
  const trainCount = set.trainIndices.length;
  const batchX = new Float64Array(Math.min(batchSize, trainCount) * inputSize);

  return (order) => {
    for (let start = 0; start < trainCount; start += batchSize) {
      const end = Math.min(start + batchSize, trainCount);
      for (let b = start; b < end; b++) {
        const row = order[b];
        batchX.set(trainX.subarray(row * inputSize, (row + 1) * inputSize), (b - start) * inputSize);
      }
      const input = end - start === batchSize ? batchX : batchX.subarray(0, (end - start) * inputSize);
      objectiveGradient(layers, input, batchTargets(trainY, order, start, end), l2, gradients);
      adam.update(gradients);
    }
  };
}

function measureEpoch(loop: EpochLoop, epoch: number): EpochMetrics {
  const { layers, set } = loop;
  const onTrain = evaluate(layers, set.trainX, set.trainY);
  const onValidation =
    set.validationIndices.length > 0 ? evaluate(layers, set.validationX, set.validationY) : null;
  return {
    epoch,
    loss: onTrain.loss,
    validationLoss: onValidation?.loss ?? null,
    accuracy: onTrain.accuracy,
    validationAccuracy: onValidation?.accuracy ?? null,
    elapsedMs: Math.round(performance.now() - loop.started),
  };
}

/** Keeps the weights of the epoch with the lowest validation loss, and says when patience has run out. */
class BestEpoch {
  private loss = Infinity;
  epoch = 0;
  layers: DenseLayer[];

  constructor(
    layers: DenseLayer[],
    private readonly patience: number,
  ) {
    this.layers = cloneLayers(layers);
  }

  /** Records an epoch; true once `patience` epochs have passed since the best one. */
  patienceExhausted(epoch: number, validationLoss: number, layers: DenseLayer[]): boolean {
    if (validationLoss < this.loss) {
      this.loss = validationLoss;
      this.epoch = epoch;
      this.layers = cloneLayers(layers);
      return false;
    }
    return epoch - this.epoch >= this.patience;
  }
}

/** Yields to the event loop so an abort from elsewhere (a cancel message, a timer) is seen between epochs. */
async function stopIfCancelled(signal: AbortSignal | undefined, epoch: number): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal?.aborted) throw new TrainingCancelledError(epoch);
}

async function runEpochs(loop: EpochLoop): Promise<EpochLoopOutcome> {
  const { layers, set, hp, options } = loop;
  const descend = createMiniBatchDescent(layers, set, hp);
  const best = new BestEpoch(layers, hp.earlyStoppingPatience);
  const history: EpochMetrics[] = [];
  let stoppedEarly = false;

  for (let epoch = 1; epoch <= hp.epochs; epoch++) {
    descend(shuffledIndices(set.trainIndices.length, loop.random));
    const metrics = measureEpoch(loop, epoch);
    history.push(metrics);
    await options.onEpoch?.(metrics);
    if (metrics.validationLoss !== null && best.patienceExhausted(epoch, metrics.validationLoss, layers)) {
      stoppedEarly = epoch < hp.epochs;
      break;
    }
    await stopIfCancelled(options.signal, epoch);
  }
  const kept = set.validationIndices.length > 0 ? best : { epoch: history.length, layers };
  return { history, kept: { epoch: kept.epoch, layers: kept.layers }, stoppedEarly };
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
  const set = prepareTrainingSet(data, isClassifier(algorithm), hp.validationSplit, random);
  const layers = initialLayers(algorithm, set, hp.hiddenLayers, random);
  const { history, kept, stoppedEarly } = await runEpochs({ layers, set, hp, random, options, started });
  const model = new TrainedModel({
    algorithm,
    hyperparameters: hp,
    preprocessing: set.preprocessing,
    labels: set.labels,
    target: set.targetScale,
    layers: kept.layers,
  });
  return {
    model,
    history,
    bestEpoch: kept.epoch,
    stoppedEarly,
    validationIndices: set.validationIndices.slice(),
  };
}
