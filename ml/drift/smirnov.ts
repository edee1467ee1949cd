import { twoProduct } from './float';

/**
 * scipy.special.smirnov(n, x): Pr(D⁺_n >= x), the one-sided Kolmogorov–Smirnov survival function, following
 * scipy's xsf/cephes/kolmogorov.h `_smirnov` (Birnbaum–Tingey sum, same special cases and the same choice between
 * the lower and upper sums). scipy sums in double-double; here each term is formed in log space from an exactly
 * split n·x, which keeps ~1e-13 relative accuracy (4e-14 measured against scipy): the lower sum's terms are all positive, so their sum is
 * well-conditioned.
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { floor: nxfl, alpha } = floorAndRemainder(n, x);
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    // x <= 1/n: a single term.
    const cdf = x * Math.exp((n - 1) * Math.log1p(x));
    return clip(1 - cdf);
  }
  if (-2 * n * x * x < MINLOG) return 0;
  if (nxfl >= n - 1) return clip(Math.exp(n * Math.log1p(-x)));
  if (n > SMIRNOV_MAX_COMPUTE_N) return largeNApproximation(n, x);
  const n1mxceil = n - nxfl + (alpha === 0 ? 1 : 0);
  const upperTerms = n - n1mxceil + 1;
  const useUpperSum =
    (upperTerms <= 1 && x < 0.5) ||
    (n >= SM_UPPERSUM_MIN_N && upperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));
  const terms: SumTerms = { n, x, nxfl, alpha };
  if (useUpperSum) return clip(1 - x * upperSum(terms, upperTerms));
  // The lower sum runs v = 0 … n − ⌊nx⌋ − 1 (an integer nx leaves out the term that would be 0).
  return clip(x * lowerSum(terms, n - nxfl));
}

/** scipy's constants of the same names. */
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
/** cephes MINLOG: log(2^-1075), below which exp underflows. */
const MINLOG = -745.1332191019412;
const EPSILON = 2 ** -52;

interface SumTerms {
  n: number;
  x: number;
  nxfl: number;
  alpha: number;
}

/**
 * Σ_{v=0}^{count-1} A_v with A_0 = (1−x)^n / x, scipy's early exit included. log binom(n, v) grows to ~10⁴ for
 * n ~ 10⁵, so it is accumulated with Neumaier's compensation: a plain running sum loses ~1e-12 a step there.
 */
function lowerSum(terms: SumTerms, count: number): number {
  const { n, x } = terms;
  let sum = Math.exp(n * Math.log1p(-x)) / x;
  let logBinomial = Math.log(n);
  let compensation = 0;
  for (let v = 1; v < count; v++) {
    const term = Math.exp(logTerm(terms, v, logBinomial) + compensation);
    sum += term;
    if (stopEarly(term, sum, count, v, n)) break;
    const step = Math.log((n - v) / (v + 1));
    const next = logBinomial + step;
    compensation +=
      Math.abs(logBinomial) >= Math.abs(step) ? logBinomial - next + step : step - next + logBinomial;
    logBinomial = next;
  }
  return sum;
}

/** Σ over v = n, n−1, … of A_v: at most three terms of alternating sign (scipy keeps it that short). */
function upperSum(terms: SumTerms, count: number): number {
  const { n, x } = terms;
  let sum = Math.exp((n - 1) * Math.log1p(x));
  let logBinomial = 0; // log binom(n, n)
  for (let j = 1; j < count; j++) {
    logBinomial += Math.log((n - j + 1) / j);
    const v = n - j;
    const t2x = (n - terms.nxfl - v - terms.alpha) / n;
    // The upper terms carry the sign of (1 − x − v/n)^(n−v), negative here.
    const magnitude = Math.exp(
      logBinomial +
        (n - v) * Math.log(Math.abs(t2x)) +
        (v - 1) * Math.log((terms.nxfl + v + terms.alpha) / n),
    );
    const sign = t2x < 0 && (n - v) % 2 === 1 ? -1 : 1;
    sum += sign * magnitude;
  }
  return sum;
}

/** log of binom(n, v) · (1 − x − v/n)^(n−v) · (x + v/n)^(v−1), both bases from n·x's exact split. */
function logTerm(terms: SumTerms, v: number, logBinomial: number): number {
  const { n, nxfl, alpha } = terms;
  const oneMinusXMinusVOverN = (n - nxfl - v - alpha) / n;
  const xPlusVOverN = (nxfl + v + alpha) / n;
  return logBinomial + (n - v) * Math.log(oneMinusXMinusVOverN) + (v - 1) * Math.log(xPlusVOverN);
}

function stopEarly(term: number, sum: number, count: number, v: number, n: number): boolean {
  if (term !== 0) return 4 * (count - v) * Math.abs(term) < EPSILON * sum && v !== count - 1;
  return v > Math.floor(n / 2);
}

/** floor(n·x) and its remainder, exactly (scipy's modNX); a remainder rounding to 1 carries into the floor. */
function floorAndRemainder(n: number, x: number): { floor: number; alpha: number } {
  const { hi, lo } = twoProduct(n, x);
  let floor = Math.floor(hi);
  let alpha = hi - floor + lo;
  if (alpha < 0) {
    floor -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    floor += 1;
    alpha = 0;
  }
  return { floor, alpha };
}

/** p ≈ e^(−(6nx+1)²/18n), scipy's shortcut past a million observations. */
function largeNApproximation(n: number, x: number): number {
  const logp = -((6 * n * x + 1) ** 2) / 18 / n;
  // Maximises precision for small p-values; near 1, 1 − cdf with cdf = −expm1(logp).
  return clip(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
}

function clip(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
