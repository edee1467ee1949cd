/**
 * Logistic regression (multinomial) and linear regression are a network without hidden layers: softmax over
 * one affine map with cross-entropy, or the affine map itself with squared error. Kept as named factories
 * so the trainer reads in the vocabulary of the algorithms.
 */
import { createNetwork, type DenseLayer } from './mlp';
import type { Random } from './random';

/** Multinomial logistic regression: inputSize → classes, softmax. */
export function createLogisticRegression(inputSize: number, classes: number, random: Random): DenseLayer[] {
  return createNetwork(inputSize, [], classes, 'softmax', random);
}

/** Linear regression: inputSize → 1, identity. */
export function createLinearRegression(inputSize: number, random: Random): DenseLayer[] {
  return createNetwork(inputSize, [], 1, 'identity', random);
}
