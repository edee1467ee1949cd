/**
 * A log-linear (HDR-style) histogram of latencies with bounded relative error. A positive value v = m · 2^e
 * (1 ≤ m < 2) falls in the bucket `e · SUB_BUCKETS + floor((m − 1) · SUB_BUCKETS)`: each power of two is cut in
 * SUB_BUCKETS equal slices, so a bucket [a, b) has (b − a) / a ≤ 1 / SUB_BUCKETS. A bucket is read back as
 * 2ab / (a + b), the value whose worst relative error over [a, b) is smallest: (b − a) / (a + b) < 0.4 %.
 *
 * Counts are sparse (bucket index → count) and merge by adding, so minute histograms stored apart sum into a
 * window's without losing precision.
 */

/** Slices per power of two (2^7): the bound on relative error is 1 / (2 · 128 + 1). */
export const SUB_BUCKETS = 128;

/** Values at or below this (ms) count as zero: a latency this small is a clock's resolution, not a measure. */
export const ZERO_THRESHOLD_MS = 2 ** -20;

/** The bucket of values ≤ ZERO_THRESHOLD_MS (negative clocks skews included): read back as 0. */
export const ZERO_BUCKET = 'z';

/** Sparse bucket counts, as stored (JSON object keys are strings). */
export type HistogramCounts = Record<string, number>;

/** The bucket a latency falls in. Non-finite values are not latencies: the caller drops them. */
export function bucketOf(valueMs: number): string {
  if (!(valueMs > ZERO_THRESHOLD_MS)) return ZERO_BUCKET;
  let exponent = Math.floor(Math.log2(valueMs));
  // log2 rounds: correct the exponent when the value sits at a power of two.
  if (2 ** exponent > valueMs) exponent -= 1;
  else if (2 ** (exponent + 1) <= valueMs) exponent += 1;
  const mantissa = valueMs / 2 ** exponent;
  const slice = Math.min(SUB_BUCKETS - 1, Math.floor((mantissa - 1) * SUB_BUCKETS));
  return String(exponent * SUB_BUCKETS + slice);
}

/** The value a bucket stands for: the one that minimises the worst relative error over the bucket. */
export function bucketValue(bucket: string): number {
  if (bucket === ZERO_BUCKET) return 0;
  const index = Number(bucket);
  const exponent = Math.floor(index / SUB_BUCKETS);
  const slice = index - exponent * SUB_BUCKETS;
  const low = 2 ** exponent * (1 + slice / SUB_BUCKETS);
  const high = 2 ** exponent * (1 + (slice + 1) / SUB_BUCKETS);
  return (2 * low * high) / (low + high);
}

/** Adds one latency to `counts` (in place). */
export function record(counts: HistogramCounts, valueMs: number): void {
  const bucket = bucketOf(valueMs);
  counts[bucket] = (counts[bucket] ?? 0) + 1;
}

/** Adds `source` into `target` (in place) and answers `target`. */
export function mergeInto(target: HistogramCounts, source: HistogramCounts): HistogramCounts {
  for (const [bucket, count] of Object.entries(source)) target[bucket] = (target[bucket] ?? 0) + count;
  return target;
}

/** A bucket's order: the zero bucket first, then by index (indexes of sub-millisecond buckets are negative). */
function sortKey(bucket: string): number {
  return bucket === ZERO_BUCKET ? -Infinity : Number(bucket);
}

/**
 * The latencies at the given quantiles (0 < q ≤ 1), nearest-rank: the value of rank ceil(q · n) in sorted order,
 * within 0.4 % of the exact one. Null for each when the histogram is empty.
 */
export function quantiles(counts: HistogramCounts, qs: readonly number[]): (number | null)[] {
  const buckets = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => sortKey(a) - sortKey(b));
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (!total) return qs.map(() => null);
  return qs.map((q) => {
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (const [bucket, count] of buckets) {
      seen += count;
      if (seen >= rank) return bucketValue(bucket);
    }
    return bucketValue(buckets[buckets.length - 1][0]);
  });
}
