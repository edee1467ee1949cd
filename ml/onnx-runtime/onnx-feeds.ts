/**
 * Turns raw rows into the inputs of a graph written by `exportOnnx`: one [N, 1] tensor per feature column.
 * Missing values are sent as the graph expects them, NaN for a NUMBER and '' for a CATEGORY, which the graph
 * maps to the trainer's missing value (the mean, all-zeros one-hot).
 */
import { Tensor } from 'onnxruntime-node';
import type { FeatureSpec } from '../feature';
import { toNumber, type RawValue } from '../training/dataset-matrix';

export type OnnxFeeds = Record<string, Tensor>;

/** `rows[r][c]` is feature `features[c]` of row r, as in training. */
export function buildOnnxFeeds(features: readonly FeatureSpec[], rows: readonly RawValue[][]): OnnxFeeds {
  const feeds: OnnxFeeds = {};
  const dims = [rows.length, 1];
  features.forEach((feature, c) => {
    if (feature.type === 'NUMBER') {
      // toNumber is the trainer's own reading of a cell, so '', non-numeric text and ±Infinity are missing here too.
      const values = Float64Array.from(rows, (row) => toNumber(row[c]) ?? NaN);
      feeds[feature.name] = new Tensor('float64', values, dims);
    } else {
      const values = rows.map((row) => (row[c] === null || row[c] === undefined ? '' : String(row[c])));
      feeds[feature.name] = new Tensor('string', values, dims);
    }
  });
  return feeds;
}
