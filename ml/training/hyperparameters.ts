/**
 * Hyperparameters as in API.md's HyperparametersInput, their defaults and their ranges. Validation throws a
 * typed error naming the field, which the service layer maps to BAD_USER_INPUT before anything is queued.
 */

/** The four algorithms of API.md's `Algorithm` enum. */
export const algorithms = [
  'LOGISTIC_REGRESSION',
  'MLP_CLASSIFIER',
  'LINEAR_REGRESSION',
  'MLP_REGRESSOR',
] as const;
export type Algorithm = (typeof algorithms)[number];

export const isClassifier = (algorithm: Algorithm): boolean =>
  algorithm === 'LOGISTIC_REGRESSION' || algorithm === 'MLP_CLASSIFIER';

/** What a caller may send; every field is optional and `null` means "use the default". */
export interface HyperparametersInput {
  /** @default 200 */
  epochs?: number | null;
  /** Adam's step size. @default 0.01 */
  learningRate?: number | null;
  /** @default 32 */
  batchSize?: number | null;
  /** Units per hidden layer; only the MLP algorithms use it. @default [64] */
  hiddenLayers?: number[] | null;
  /** L2 penalty on weights (not biases), added to the mean loss as l2/2 · ‖W‖². @default 0.0001 */
  l2?: number | null;
  /** Share of the rows held out for validation and early stopping; 0 disables both. @default 0.1 */
  validationSplit?: number | null;
  /** Seed of initialization, split and shuffling: same seed, same model. @default 0 */
  seed?: number | null;
  /** Epochs without a better validation loss before stopping (best weights restored). @default 10 */
  earlyStoppingPatience?: number | null;
}

export type Hyperparameters = { [K in keyof HyperparametersInput]-?: NonNullable<HyperparametersInput[K]> };

export const DEFAULT_HYPERPARAMETERS: Readonly<Hyperparameters> = Object.freeze({
  epochs: 200,
  learningRate: 0.01,
  batchSize: 32,
  hiddenLayers: [64],
  l2: 0.0001,
  validationSplit: 0.1,
  seed: 0,
  earlyStoppingPatience: 10,
});

/** A hyperparameter out of range; `field` is the HyperparametersInput field name. */
export class InvalidHyperparameterError extends Error {
  constructor(
    readonly field: keyof HyperparametersInput,
    message: string,
  ) {
    super(`hyperparameters.${field}: ${message}`);
    this.name = 'InvalidHyperparameterError';
  }
}

function integerIn(field: keyof HyperparametersInput, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidHyperparameterError(field, `must be an integer from ${min} to ${max}, got ${value}`);
  }
}

function numberIn(
  field: keyof HyperparametersInput,
  value: number,
  min: number,
  max: number,
  minExclusive: boolean,
): void {
  const low = minExclusive ? value > min : value >= min;
  if (!Number.isFinite(value) || !low || value > max) {
    const bound = minExclusive ? `greater than ${min}` : `at least ${min}`;
    throw new InvalidHyperparameterError(field, `must be ${bound} and at most ${max}, got ${value}`);
  }
}

/** Fills defaults and checks every range; throws InvalidHyperparameterError on the first bad field. */
export function resolveHyperparameters(input: HyperparametersInput = {}): Hyperparameters {
  const pick = <K extends keyof Hyperparameters>(key: K): Hyperparameters[K] =>
    (input[key] ?? DEFAULT_HYPERPARAMETERS[key]) as Hyperparameters[K];
  const resolved: Hyperparameters = {
    epochs: pick('epochs'),
    learningRate: pick('learningRate'),
    batchSize: pick('batchSize'),
    hiddenLayers: [...pick('hiddenLayers')],
    l2: pick('l2'),
    validationSplit: pick('validationSplit'),
    seed: pick('seed'),
    earlyStoppingPatience: pick('earlyStoppingPatience'),
  };
  integerIn('epochs', resolved.epochs, 1, 10_000);
  numberIn('learningRate', resolved.learningRate, 0, 1, true);
  integerIn('batchSize', resolved.batchSize, 1, 65_536);
  if (resolved.hiddenLayers.length < 1 || resolved.hiddenLayers.length > 8) {
    throw new InvalidHyperparameterError('hiddenLayers', 'must list from 1 to 8 layer sizes');
  }
  for (const units of resolved.hiddenLayers) {
    if (!Number.isInteger(units) || units < 1 || units > 4096) {
      throw new InvalidHyperparameterError(
        'hiddenLayers',
        `each size must be an integer from 1 to 4096, got ${units}`,
      );
    }
  }
  numberIn('l2', resolved.l2, 0, 10, false);
  // Half the rows at most: beyond that the model learns from less data than it is judged on.
  numberIn('validationSplit', resolved.validationSplit, 0, 0.5, false);
  integerIn('seed', resolved.seed, 0, 2 ** 31 - 1);
  integerIn('earlyStoppingPatience', resolved.earlyStoppingPatience, 1, 1000);
  return resolved;
}
