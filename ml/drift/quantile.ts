/**
 * numpy.quantile(values, q) with its default method 'linear' (Hyndman & Fan type 7), reproduced operation for
 * operation: the virtual index is (n − 1)·q, and the interpolation switches to b − (b − a)·(1 − t) when t ≥ 0.5
 * as numpy's `_lerp` does, so an edge equals numpy's to the last bit (bin membership of a value lying exactly on
 * an edge depends on it). `sorted` is ascending and non-empty.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileOfSorted needs at least one value');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside [0, 1]`);
  const virtualIndex = (n - 1) * q;
  if (virtualIndex >= n - 1) return sorted[n - 1];
  const previous = Math.floor(virtualIndex);
  const a = sorted[previous];
  const b = sorted[previous + 1];
  const t = virtualIndex - previous;
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/** The deciles' probabilities, written k/10 as numpy's own fixtures are (each the double nearest k/10). */
export const DECILES: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => k / 10);

/** The 9 inner bin edges of numeric PSI: the reference's deciles 0.1 … 0.9 (numpy linear). */
export function decileEdges(reference: readonly number[]): number[] {
  return decileEdgesOfSorted(sortedCopy(reference));
}

/** decileEdges of values already sorted ascending. */
export function decileEdgesOfSorted(sorted: ArrayLike<number>): number[] {
  return DECILES.map((q) => quantileOfSorted(sorted, q));
}

/**
 * An ascending Float64Array copy: typed arrays sort numerically in native code (an 11-bit LSD radix sort in
 * TypeScript was tried and was no faster at 10,000 values).
 */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}
