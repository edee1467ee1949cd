import type { FeatureSpec } from '../feature';

/**
 * Preprocessing learned from the training rows only, so validation and test rows never leak into the
 * statistics. The learned stats are plain data: the ONNX exporter folds them into the graph.
 */

/** A raw cell as it comes out of a CSV: numbers for numeric columns, strings for categories, null if missing. */
export type RawValue = number | string | null;

/** Standardization of a numeric column: (x - mean) / std; a missing value becomes the mean (0 after). */
export interface NumericFeatureStats {
  name: string;
  type: 'NUMBER';
  mean: number;
  /** 1 when the training column is constant, so the encoded value is 0 instead of NaN. */
  std: number;
}

/** One-hot encoding of a categorical column; a category unseen in training encodes as all zeros. */
export interface CategoricalFeatureStats {
  name: string;
  type: 'CATEGORY';
  /** Categories seen in training, sorted, one output column each. */
  categories: string[];
}

export type FeatureStats = NumericFeatureStats | CategoricalFeatureStats;

/** Everything needed to turn a raw row into the model's input vector. */
export interface Preprocessing {
  features: FeatureStats[];
  /** Length of the encoded input vector. */
  inputSize: number;
}

/** A dense row-major matrix. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** A cell's number, or null when it is missing: null, '', text that is no number, or not finite. */
export function toNumber(value: RawValue): number | null {
  if (value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Learns standardization and one-hot categories from the given (training) rows. */
export function fitPreprocessing(columns: FeatureSpec[], rows: RawValue[][]): Preprocessing {
  const features = columns.map((column, c): FeatureStats => {
    if (column.type === 'CATEGORY') {
      const seen = new Set<string>();
      for (const row of rows) if (row[c] !== null && row[c] !== '') seen.add(String(row[c]));
      return { name: column.name, type: 'CATEGORY', categories: [...seen].sort() };
    }
    let count = 0;
    let sum = 0;
    for (const row of rows) {
      const x = toNumber(row[c]);
      if (x !== null) {
        count++;
        sum += x;
      }
    }
    const mean = count > 0 ? sum / count : 0;
    let squares = 0;
    for (const row of rows) {
      const x = toNumber(row[c]);
      if (x !== null) squares += (x - mean) ** 2;
    }
    // Population std, as scikit-learn's StandardScaler; a constant column keeps std 1 to avoid 0/0.
    const std = count > 0 ? Math.sqrt(squares / count) : 0;
    return { name: column.name, type: 'NUMBER', mean, std: std > 0 ? std : 1 };
  });
  const inputSize = features.reduce((n, f) => n + (f.type === 'NUMBER' ? 1 : f.categories.length), 0);
  return { features, inputSize };
}

/** Encodes raw rows with learned preprocessing into a row-major matrix. */
export function transformRows(preprocessing: Preprocessing, rows: RawValue[][]): Matrix {
  const cols = preprocessing.inputSize;
  const data = new Float64Array(rows.length * cols);
  // Maps per categorical feature, built once rather than an indexOf per cell.
  const lookups = preprocessing.features.map((f) =>
    f.type === 'CATEGORY' ? new Map(f.categories.map((category, i) => [category, i])) : null,
  );
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let offset = r * cols;
    preprocessing.features.forEach((feature, c) => {
      if (feature.type === 'NUMBER') {
        const x = toNumber(row[c]);
        data[offset++] = x === null ? 0 : (x - feature.mean) / feature.std;
      } else {
        const value = row[c];
        const index = value === null ? undefined : lookups[c]!.get(String(value));
        if (index !== undefined) data[offset + index] = 1;
        offset += feature.categories.length;
      }
    });
  }
  return { rows: rows.length, cols, data };
}

/** Class labels in sorted order and each target's index; labels are compared as strings. */
export function encodeClassTargets(targets: RawValue[]): { labels: string[]; indices: Uint32Array } {
  const labels = [...new Set(targets.map((t) => String(t)))].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );
  const lookup = new Map(labels.map((label, i) => [label, i]));
  const indices = new Uint32Array(targets.length);
  targets.forEach((t, i) => (indices[i] = lookup.get(String(t))!));
  return { labels, indices };
}

/** Numeric regression targets; a missing or non-numeric target is an input error the caller must catch first. */
export function encodeNumericTargets(targets: RawValue[]): Float64Array {
  const values = new Float64Array(targets.length);
  targets.forEach((t, i) => {
    const x = toNumber(t);
    if (x === null) throw new RangeError(`target at row ${i} is not a number`);
    values[i] = x;
  });
  return values;
}
