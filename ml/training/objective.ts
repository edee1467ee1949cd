/**
 * The training objective of a network on a batch — mean data loss plus l2/2 · ‖W‖² — and its gradient.
 * One place for both so the gradient check tests exactly what the trainer optimizes.
 */
import {
  accuracy,
  argmaxRows,
  crossEntropy,
  halfMeanSquaredError,
  softmaxDelta,
  squaredErrorDelta,
} from './metrics';
import { backward, forward, type DenseLayer } from './mlp';

/** Encoded targets: class indices for classifiers, (standardized) values for regressors. */
export type Targets =
  { kind: 'classes'; classes: number; indices: Uint32Array } | { kind: 'values'; values: Float64Array };

/** Mean data loss (cross-entropy or half squared error) of the network's output. */
export function dataLoss(output: Float64Array, targets: Targets): number {
  return targets.kind === 'classes'
    ? crossEntropy(output, targets.classes, targets.indices)
    : halfMeanSquaredError(output, targets.values);
}

function l2Penalty(layers: DenseLayer[], l2: number): number {
  let sum = 0;
  for (const layer of layers) for (const w of layer.weights) sum += w * w;
  return (l2 / 2) * sum;
}

/** The full objective on a batch: what gradient descent minimizes. */
export function objective(layers: DenseLayer[], input: Float64Array, targets: Targets, l2: number): number {
  const rows = targets.kind === 'classes' ? targets.indices.length : targets.values.length;
  const activations = forward(layers, input, rows);
  return dataLoss(activations[activations.length - 1], targets) + l2Penalty(layers, l2);
}

/** Fills `gradients` ([weights, biases] per layer) with the objective's gradient on the batch. */
export function objectiveGradient(
  layers: DenseLayer[],
  input: Float64Array,
  targets: Targets,
  l2: number,
  gradients: Float64Array[],
): void {
  const rows = targets.kind === 'classes' ? targets.indices.length : targets.values.length;
  const activations = forward(layers, input, rows);
  const output = activations[activations.length - 1];
  const delta =
    targets.kind === 'classes'
      ? softmaxDelta(output, targets.classes, targets.indices)
      : squaredErrorDelta(output, targets.values);
  backward(layers, activations, delta, rows, l2, gradients);
}

/** Data loss and (for classifiers) accuracy over a whole set, as reported per epoch. */
export function evaluate(
  layers: DenseLayer[],
  input: Float64Array,
  targets: Targets,
): { loss: number; accuracy: number | null } {
  const rows = targets.kind === 'classes' ? targets.indices.length : targets.values.length;
  const activations = forward(layers, input, rows);
  const output = activations[activations.length - 1];
  const loss = dataLoss(output, targets);
  if (targets.kind === 'values') return { loss, accuracy: null };
  return { loss, accuracy: accuracy(argmaxRows(output, targets.classes), targets.indices) };
}
