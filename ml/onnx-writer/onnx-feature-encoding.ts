/**
 * The preprocessing part of an exported graph: raw feature inputs in, the [N, inputSize] float64 matrix the
 * first dense layer takes out. NUMBER columns are standardized together in one block; each CATEGORY column is
 * one-hot encoded by ai.onnx.ml OneHotEncoder. The graph's column order (numbers, then category blocks) differs
 * from the trainer's (feature order), so `columnOrder` says where each column came from and the first layer's
 * weight rows are reordered to match.
 */
import type { CategoricalFeatureStats, FeatureStats } from '../training/dataset-matrix';
import type { DenseLayer } from '../training/mlp';
import { DataType, type GraphBuilder } from './onnx-graph-builder';

export const ML_DOMAIN = 'ai.onnx.ml';

export interface EncodedFeatures {
  /** The [N, inputSize] float64 matrix the first layer takes. */
  value: string;
  /** columnOrder[k] is the trainer's input column that the graph's column k holds. */
  columnOrder: number[];
  usesMlDomain: boolean;
}

/** Adds the preprocessing nodes; null when no feature yields a column (nothing for the first layer to take). */
export function encodeFeatures(graph: GraphBuilder, features: FeatureStats[]): EncodedFeatures | null {
  const numeric: { name: string; mean: number; std: number; column: number }[] = [];
  const categorical: { feature: CategoricalFeatureStats; column: number }[] = [];
  let column = 0;
  for (const feature of features) {
    if (feature.type === 'NUMBER') numeric.push({ ...feature, column: column++ });
    else {
      // A category never seen in training contributes no column: the input stays, unused.
      if (feature.categories.length > 0) categorical.push({ feature, column });
      column += feature.categories.length;
    }
  }

  const parts: string[] = [];
  const columnOrder: number[] = [];
  if (numeric.length > 0) {
    const k = numeric.length;
    const inputs = numeric.map((f) => f.name);
    const x = graph.node('Concat', inputs, { attributes: { axis: 1 } });
    const meanValues = Float64Array.from(numeric, (f) => f.mean);
    const stdValues = Float64Array.from(numeric, (f) => f.std);
    const means = graph.doubles('feature_means', [k], meanValues);
    const stds = graph.doubles('feature_stds', [k], stdValues);
    const standardized = graph.node('Div', [graph.node('Sub', [x, means]), stds]);
    const missing = graph.node('Or', [graph.node('IsNaN', [x]), graph.node('IsInf', [x])]);
    parts.push(graph.node('Where', [missing, graph.doubles('zero', [], Float64Array.of(0)), standardized]));
    columnOrder.push(...numeric.map((f) => f.column));
  }
  for (const { feature, column: first } of categorical) {
    const oneHot = graph.node('OneHotEncoder', [feature.name], {
      domain: ML_DOMAIN,
      attributes: { cats_strings: feature.categories, zeros: 1 },
    });
    // OneHotEncoder appends the category axis: [N, 1] becomes [N, 1, C]; its output is float (0 or 1 exactly).
    const flat = graph.node('Flatten', [oneHot], { attributes: { axis: 1 } });
    parts.push(graph.node('Cast', [flat], { attributes: { to: DataType.DOUBLE } }));
    columnOrder.push(...feature.categories.map((_, i) => first + i));
  }
  if (parts.length === 0) return null;
  const value = parts.length === 1 ? parts[0] : graph.node('Concat', parts, { attributes: { axis: 1 } });
  return { value, columnOrder, usesMlDomain: categorical.length > 0 };
}

/** The first layer's weights with row k taken from the trainer's column columnOrder[k]. */
export function reorderRows(layer: DenseLayer, columnOrder: number[]): Float64Array {
  const m = layer.outputSize;
  const reordered = new Float64Array(layer.weights.length);
  columnOrder.forEach((from, to) => reordered.set(layer.weights.subarray(from * m, (from + 1) * m), to * m));
  return reordered;
}
