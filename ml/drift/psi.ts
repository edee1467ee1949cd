import { decileEdgesOfSorted, sortedCopy } from './quantile';

/**
 * The proportion that stands in for an empty bin or an unseen category, so ln(cur / ref) stays finite. The other
 * proportions are not renormalised (the common industry definition; the sum then slightly exceeds 1).
 */
export const PSI_EPSILON = 1e-4;

/** Numeric PSI uses 10 bins: below the first decile, between consecutive deciles, and from the ninth up. */
export const PSI_BINS = 10;

/**
 * PSI of numeric values: 10 bins cut at the reference's deciles; a value's bin is how many edges are <= it
 * (numpy.searchsorted(edges, v, side='right')), so a value equal to an edge belongs to the bin above it.
 */
export function numericPsi(reference: readonly number[], current: readonly number[]): number {
  return numericPsiOfSorted(sortedCopy(reference), sortedCopy(current));
}

/** numericPsi of samples already sorted ascending (the drift computation sorts each feature once). */
export function numericPsiOfSorted(reference: Float64Array, current: Float64Array): number {
  requireNonEmpty(reference.length, current.length);
  const edges = decileEdgesOfSorted(reference);
  return psiOfCounts(
    binCountsOfSorted(reference, edges),
    reference.length,
    binCountsOfSorted(current, edges),
    current.length,
  );
}

/** PSI over categories: the union of both samples' categories, one seen in only one sample counting as 0 (ε). */
export function categoricalPsi(reference: readonly string[], current: readonly string[]): number {
  requireNonEmpty(reference.length, current.length);
  const table = categoryCounts(reference, current);
  return psiOfCounts(table.reference, reference.length, table.current, current.length);
}

/** How many of an ascending sample fall in each bin, one pass merging it with the ascending edges. */
export function binCountsOfSorted(sorted: ArrayLike<number>, edges: readonly number[]): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    const value = sorted[i];
    while (bin < edges.length && edges[bin] <= value) bin++;
    counts[bin]++;
  }
  return counts;
}

/** Both samples' counts per category over the union of categories, in order of first appearance. */
export function categoryCounts(
  reference: readonly string[],
  current: readonly string[],
): { categories: string[]; reference: Float64Array; current: Float64Array } {
  const index = new Map<string, number>();
  for (const value of reference) if (!index.has(value)) index.set(value, index.size);
  for (const value of current) if (!index.has(value)) index.set(value, index.size);
  const referenceCounts = new Float64Array(index.size);
  const currentCounts = new Float64Array(index.size);
  for (const value of reference) referenceCounts[index.get(value)!]++;
  for (const value of current) currentCounts[index.get(value)!]++;
  return { categories: [...index.keys()], reference: referenceCounts, current: currentCounts };
}

/** Σ (cur − ref) · ln(cur / ref) over proportions counts / n, an empty one replaced by ε. */
export function psiOfCounts(
  referenceCounts: ArrayLike<number>,
  referenceSize: number,
  currentCounts: ArrayLike<number>,
  currentSize: number,
): number {
  let psi = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    const ref = proportion(referenceCounts[i], referenceSize);
    const cur = proportion(currentCounts[i], currentSize);
    psi += (cur - ref) * Math.log(cur / ref);
  }
  return psi;
}

function proportion(count: number, size: number): number {
  return count === 0 ? PSI_EPSILON : count / size;
}

function requireNonEmpty(referenceSize: number, currentSize: number): void {
  if (referenceSize === 0 || currentSize === 0)
    throw new RangeError('PSI needs a non-empty reference and current sample');
}
