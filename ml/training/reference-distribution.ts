/**
 * A per-feature summary of the training data, recorded with a model version so observability can compare
 * the inputs it sees in production with what the model learned from (PSI over the histogram bins or category
 * frequencies, Kolmogorov–Smirnov against the quantiles). Plain JSON: numbers, strings, arrays and null.
 *
 * Definitions, for a feature over the given rows:
 * - missing: what the trainer treats as missing. NUMBER: null, '', text that is no number, NaN or ±Infinity;
 *   CATEGORY: null or ''. `count` is the number of present values, so count + missingCount = rowCount.
 * - NUMBER, computed over the present values x₁…xₙ (every field null when n = 0):
 *   - min, max; mean = Σx / n; std = √(Σ(x − mean)² / n), the population std the trainer standardizes with;
 *   - quantiles: 21 values at p = 0, 0.05, …, 1 with linear interpolation between order statistics, as
 *     numpy.quantile's default: with x sorted ascending (0-based), h = (n − 1)·p, q = x[⌊h⌋] + (h − ⌊h⌋)·
 *     (x[⌊h⌋ + 1] − x[⌊h⌋]);
 *   - histogram: 10 equal-width bins over [min, max], as numpy.histogram(x, bins=10): edges eᵢ = min +
 *     i·(max − min)/10 (e₁₀ = max exactly), bin i counts eᵢ ≤ x < eᵢ₊₁ and the last bin also counts x = max.
 *     A constant column (min = max = v) uses numpy's range [v − 0.5, v + 0.5], so its bins have a width and
 *     a production value other than v falls outside them rather than into a zero-width bin.
 * - CATEGORY (values compared as strings, a number in a CATEGORY column as String(number), as the trainer
 *   does): `frequencies` lists the 100 most frequent values by count, descending, ties in ascending string
 *   order; `otherCount` counts the present values outside that list.
 */
import type { FeatureSpec } from '../feature';
import { toNumber, type RawValue } from './dataset-matrix';

/** 0%, 5%, …, 100%. */
export const QUANTILE_COUNT = 21;
export const HISTOGRAM_BINS = 10;
export const TOP_CATEGORIES = 100;

export interface NumericDistribution {
  name: string;
  type: 'NUMBER';
  count: number;
  missingCount: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  /** QUANTILE_COUNT values, at p = i / (QUANTILE_COUNT − 1). */
  quantiles: number[] | null;
  /** HISTOGRAM_BINS + 1 edges and HISTOGRAM_BINS counts. */
  histogram: { edges: number[]; counts: number[] } | null;
}

export interface CategoricalDistribution {
  name: string;
  type: 'CATEGORY';
  count: number;
  missingCount: number;
  /** At most TOP_CATEGORIES values, most frequent first. */
  frequencies: { value: string; count: number }[];
  otherCount: number;
}

export type FeatureDistribution = NumericDistribution | CategoricalDistribution;

export interface ReferenceDistribution {
  rowCount: number;
  /** One per feature, in the order of the features. */
  features: FeatureDistribution[];
}

/** `rows[r][c]` is feature `features[c]` of row r. */
export function computeReferenceDistribution(
  features: readonly FeatureSpec[],
  rows: readonly RawValue[][],
): ReferenceDistribution {
  return {
    rowCount: rows.length,
    features: features.map((feature, c) =>
      feature.type === 'NUMBER'
        ? numericDistribution(
            feature.name,
            rows.map((row) => row[c]),
          )
        : categoricalDistribution(
            feature.name,
            rows.map((row) => row[c]),
          ),
    ),
  };
}

function numericDistribution(name: string, cells: RawValue[]): NumericDistribution {
  const present: number[] = [];
  for (const cell of cells) {
    const x = toNumber(cell);
    if (x !== null) present.push(x);
  }
  const n = present.length;
  const base = { name, type: 'NUMBER' as const, count: n, missingCount: cells.length - n };
  if (n === 0) {
    return { ...base, min: null, max: null, mean: null, std: null, quantiles: null, histogram: null };
  }
  const sorted = Float64Array.from(present).sort();
  const mean = present.reduce((sum, x) => sum + x, 0) / n;
  const std = Math.sqrt(present.reduce((sum, x) => sum + (x - mean) ** 2, 0) / n);
  const steps = QUANTILE_COUNT - 1;
  const quantiles = Array.from({ length: QUANTILE_COUNT }, (_, k) => quantile(sorted, k / steps));
  return { ...base, min: sorted[0], max: sorted[n - 1], mean, std, quantiles, histogram: histogram(sorted) };
}

/** numpy.quantile(sorted, p), method 'linear'. */
export function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lower = Math.floor(h);
  if (lower >= sorted.length - 1) return sorted[sorted.length - 1];
  const fraction = h - lower;
  return fraction === 0 ? sorted[lower] : sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower]);
}

function histogram(sorted: Float64Array): { edges: number[]; counts: number[] } {
  let low = sorted[0];
  let high = sorted[sorted.length - 1];
  if (low === high) {
    low -= 0.5;
    high += 0.5;
  }
  const width = (high - low) / HISTOGRAM_BINS;
  const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => low + i * width);
  edges[HISTOGRAM_BINS] = high;
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  // Bins are read from the edges as stored, so a value on an edge lands where a later PSI computation will put it.
  let bin = 0;
  for (const x of sorted) {
    while (bin < HISTOGRAM_BINS - 1 && x >= edges[bin + 1]) bin++;
    counts[bin]++;
  }
  return { edges, counts };
}

function categoricalDistribution(name: string, cells: RawValue[]): CategoricalDistribution {
  const counts = new Map<string, number>();
  let missingCount = 0;
  for (const cell of cells) {
    if (cell === null || cell === undefined || cell === '') missingCount++;
    else {
      const value = String(cell);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  const ranked = [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0));
  const frequencies = ranked.slice(0, TOP_CATEGORIES).map(([value, count]) => ({ value, count }));
  const count = cells.length - missingCount;
  const otherCount = count - frequencies.reduce((sum, f) => sum + f.count, 0);
  return { name, type: 'CATEGORY', count, missingCount, frequencies, otherCount };
}
