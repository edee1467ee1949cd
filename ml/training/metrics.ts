/**
 * Losses, their gradients with respect to the output layer's pre-activation, and the quality metrics.
 * Softmax + cross-entropy and identity + squared error share the gradient (prediction − target), which is
 * why backpropagation starts from `outputDelta` rather than from a loss derivative.
 */

/** Probabilities below this are clamped so a confident mistake costs a large but finite loss. */
const MIN_PROBABILITY = 1e-15;

/** Mean cross-entropy of softmax outputs against class indices. */
export function crossEntropy(probabilities: Float64Array, classes: number, targets: Uint32Array): number {
  let sum = 0;
  for (let r = 0; r < targets.length; r++) {
    sum -= Math.log(Math.max(probabilities[r * classes + targets[r]], MIN_PROBABILITY));
  }
  return targets.length > 0 ? sum / targets.length : 0;
}

/** Half the mean squared error — the half makes its gradient exactly prediction − target. */
export function halfMeanSquaredError(predictions: Float64Array, targets: Float64Array): number {
  let sum = 0;
  for (let r = 0; r < targets.length; r++) sum += (predictions[r] - targets[r]) ** 2;
  return targets.length > 0 ? sum / (2 * targets.length) : 0;
}

/** dLoss/dLogits of the batch mean cross-entropy: (p − onehot(y)) / rows. */
export function softmaxDelta(
  probabilities: Float64Array,
  classes: number,
  targets: Uint32Array,
): Float64Array {
  const delta = new Float64Array(probabilities.length);
  const scale = 1 / targets.length;
  for (let r = 0; r < targets.length; r++) {
    for (let j = 0; j < classes; j++) delta[r * classes + j] = probabilities[r * classes + j] * scale;
    delta[r * classes + targets[r]] -= scale;
  }
  return delta;
}

/** dLoss/dOutput of the batch half mean squared error: (ŷ − y) / rows. */
export function squaredErrorDelta(predictions: Float64Array, targets: Float64Array): Float64Array {
  const delta = new Float64Array(targets.length);
  for (let r = 0; r < targets.length; r++) delta[r] = (predictions[r] - targets[r]) / targets.length;
  return delta;
}

/** Index of the largest value in each row. */
export function argmaxRows(values: Float64Array, cols: number): Uint32Array {
  const rows = values.length / cols;
  const result = new Uint32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let j = 1; j < cols; j++) if (values[r * cols + j] > values[r * cols + best]) best = j;
    result[r] = best;
  }
  return result;
}

/** Share of predictions equal to the targets, in [0, 1]. */
export function accuracy(predicted: ArrayLike<number | string>, targets: ArrayLike<number | string>): number {
  let hits = 0;
  for (let i = 0; i < targets.length; i++) if (predicted[i] === targets[i]) hits++;
  return targets.length > 0 ? hits / targets.length : 0;
}

/** Coefficient of determination, 1 − SS_res / SS_tot, as scikit-learn's r2_score. */
export function rSquared(predicted: ArrayLike<number>, targets: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < targets.length; i++) mean += targets[i];
  mean /= targets.length;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < targets.length; i++) {
    residual += (targets[i] - predicted[i]) ** 2;
    total += (targets[i] - mean) ** 2;
  }
  return total > 0 ? 1 - residual / total : 0;
}
