import { clipProbability, roundHalfEven } from './float';
import { outerProbabilityInside, probabilityOutsideSquare } from './ks-exact';
import { kolmogorovTwoSidedSf } from './kolmogorov-two-sided';
import { sortedCopy } from './quantile';

/** scipy's MAX_AUTO_N: method 'auto' is exact while both samples have at most this many values. */
export const KS_EXACT_MAX_N = 10_000;

export interface KsResult {
  statistic: number;
  pValue: number;
  /** Which null distribution gave the p-value (exact falls back to asymptotic when it cannot be computed). */
  method: 'exact' | 'asymp';
}

/** scipy.stats.ks_2samp(reference, current, alternative='two-sided', method='auto'). */
export function ksTwoSample(reference: readonly number[], current: readonly number[]): KsResult {
  return ksTwoSampleOfSorted(sortedCopy(reference), sortedCopy(current));
}

/** ksTwoSample of samples already sorted ascending. */
export function ksTwoSampleOfSorted(reference: Float64Array, current: Float64Array): KsResult {
  const n1 = reference.length;
  const n2 = current.length;
  if (n1 === 0 || n2 === 0)
    throw new RangeError('ksTwoSample needs a non-empty reference and current sample');
  const d = ksStatistic(reference, current);
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const exact = ksExactTwoSided(n1, n2, d);
    if (exact.success) return { statistic: exact.d, pValue: clipProbability(exact.p), method: 'exact' };
    // scipy keeps the statistic rounded to the lattice when the exact computation fails.
    return { statistic: exact.d, pValue: asymptoticTwoSided(n1, n2, exact.d), method: 'asymp' };
  }
  return { statistic: d, pValue: asymptoticTwoSided(n1, n2, d), method: 'asymp' };
}

/**
 * sup |F1 − F2| over the pooled values, each ECDF taken after all ties (scipy's searchsorted side='right'): the
 * larger of max(F1 − F2) and −min(F1 − F2), the maximum winning a tie. The walk compares i·n2 − j·n1, exact
 * integers, and forms i/n1 − j/n2 in double as scipy does only for the two extremes: distinct differences are at
 * least 1/lcm(n1, n2) apart, far more than rounding, so the extremes are the ones scipy's argmax finds.
 */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let max = -Infinity;
  let min = Infinity;
  let maxAt = [0, 0];
  let minAt = [0, 0];
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= value) i++;
    while (j < n2 && b[j] <= value) j++;
    const scaled = i * n2 - j * n1;
    if (scaled > max) {
      max = scaled;
      maxAt = [i, j];
    }
    if (scaled < min) {
      min = scaled;
      minAt = [i, j];
    }
  }
  const maxS = maxAt[0] / n1 - maxAt[1] / n2;
  const minS = Math.min(Math.max(-(minAt[0] / n1 - minAt[1] / n2), 0), 1);
  return minS > maxS ? minS : maxS;
}

/**
 * scipy's `_attempt_exact_2kssamp` for the two-sided alternative: d rounded onto the 1/lcm lattice, and whether
 * the exact p-value came out a probability (scipy falls back to the asymptotic distribution when it does not).
 */
export function ksExactTwoSided(
  n1: number,
  n2: number,
  d: number,
): { success: boolean; d: number; p: number } {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const rounded = h / lcm;
  if (h === 0) return { success: true, d: rounded, p: 1 };
  const p = n1 === n2 ? probabilityOutsideSquare(n1, h) : outerProbabilityInside(n1, n2, g, h);
  return { success: p >= 0 && p <= 1, d: rounded, p };
}

/** kstwo.sf(d, round(m·n/(m + n))): the one-sample distribution at the effective sample size. */
function asymptoticTwoSided(n1: number, n2: number, d: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const effective = (m * n) / (m + n);
  return clipProbability(kolmogorovTwoSidedSf(roundHalfEven(effective), d));
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
