/**
 * A trained model: the learned preprocessing, labels and layers as plain data (what the ONNX exporter folds
 * into a graph and what a Run records), and prediction from raw feature rows.
 */
import { transformRows, type Preprocessing, type RawValue } from './dataset-matrix';
import type { Algorithm, Hyperparameters } from './hyperparameters';
import { argmaxRows } from './metrics';
import { forward, type DenseLayer } from './mlp';

/** Everything the model learned, as plain serializable-in-spirit data (typed arrays for the weights). */
export interface TrainedParameters {
  algorithm: Algorithm;
  hyperparameters: Hyperparameters;
  preprocessing: Preprocessing;
  /** Class labels in output order (sorted), for classifiers; null for regressors. */
  labels: string[] | null;
  /**
   * Regressors learn a standardized target so one learning rate fits any target scale; a prediction is
   * output · std + mean. Null for classifiers.
   */
  target: { mean: number; std: number } | null;
  /** Input → output; the last layer's activation is softmax (classifiers) or identity (regressors). */
  layers: DenseLayer[];
}

export class TrainedModel {
  constructor(readonly parameters: TrainedParameters) {}

  get isClassifier(): boolean {
    return this.parameters.labels !== null;
  }

  /** Raw network outputs for raw feature rows (same column order as the training features). */
  private outputs(rows: RawValue[][]): Float64Array {
    const { preprocessing, layers } = this.parameters;
    const matrix = transformRows(preprocessing, rows);
    const activations = forward(layers, matrix.data, matrix.rows);
    return activations[activations.length - 1];
  }

  /** Class probabilities per row, in `parameters.labels` order. Classifiers only. */
  predictProba(rows: RawValue[][]): Float64Array[] {
    const labels = this.parameters.labels;
    if (!labels) throw new TypeError('predictProba is only defined for classifiers');
    const output = this.outputs(rows);
    return rows.map((_, r) => output.slice(r * labels.length, (r + 1) * labels.length));
  }

  /** Predicted label (classifiers) or value (regressors) per row. */
  predict(rows: RawValue[][]): string[] | number[] {
    const output = this.outputs(rows);
    const { labels, target } = this.parameters;
    if (labels) return [...argmaxRows(output, labels.length)].map((i) => labels[i]);
    return [...output].map((y) => y * target!.std + target!.mean);
  }
}
