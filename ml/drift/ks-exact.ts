/**
 * The exact null distribution of the two-sample Kolmogorov–Smirnov statistic, as scipy.stats.ks_2samp computes it
 * (scipy/stats/_stats_py.py `_compute_prob_outside_square` and the pythran `_compute_outer_prob_inside_method`):
 * the proportion of lattice paths from (0, 0) to (m, n) that touch |x/m − y/n| >= h/lcm(m, n). The loops are kept
 * as scipy writes them, operation for operation, so that the p-values agree to rounding.
 */

/**
 * Pr(D_{n,n} >= h/n) for equal sample sizes: 2·Σ ±binom(2n, n − kh)/binom(2n, n), each ratio a product of h
 * factors, nested Horner-like (P = A0(1 − A1(1 − A2(…)))) to avoid the alternating sum's cancellation. O(n + h).
 */
export function probabilityOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let term = 1;
    const kh = k * h;
    for (let j = 0; j < h; j++) term = ((n - kh - j) * term) / (n + kh + j + 1);
    p = term * (1 - p);
  }
  return 2 * p;
}

/**
 * 1 − (the proportion of paths staying strictly inside |nx/g − my/g| < h), computed directly in the
 * complementary form (Viehmann 2021) as scipy does: column i of the path matrix from column i − 1,
 * A_i[j] = (A_{i−1}[j]·i + A_i[j−1]·j) / (i + j) over a window of rows, a row above the previous window counting 1
 * (already outside). O(m · window) with window ≈ 2h/(m/g).
 *
 * Each column is one chain of divisions, latency-bound; so columns go in pairs, column i one row ahead of column
 * i + 1, which reads the value column i has just written: two chains in flight, half the time, and every value
 * the same operation on the same operands as scipy's single-column loop, so the results agree to the bit. Rows are
 * indexed absolutely in one array of n + 1 (scipy slides a shorter one): the windows only move up, so rows above
 * the last window still hold their initial 1.
 */
export function outerProbabilityInside(sizeA: number, sizeB: number, g: number, h: number): number {
  const m = Math.max(sizeA, sizeB);
  const n = Math.min(sizeA, sizeB);
  const lattice: Lattice = { n, mg: m / g, ng: n / g, h };
  const column = new Float64Array(n + 1).fill(1);
  let top = Math.min(Math.ceil(h / lattice.mg), n + 1);
  column.fill(0, 0, top);
  let i = 1;
  for (; i < m; i += 2) {
    const first = rowWindow(i, lattice);
    const second = rowWindow(i + 1, lattice);
    if (first.to <= first.from || second.to <= second.from) return 1;
    advancePair(column, i, first, second);
    top = second.to;
  }
  if (i === m) {
    const last = rowWindow(m, lattice);
    if (last.to <= last.from) return 1;
    advance(column, m, last);
    top = last.to;
  }
  return column[top - 1];
}

interface Lattice {
  n: number;
  mg: number;
  ng: number;
  h: number;
}

/** Rows from … to − 1 of column i that lie strictly between the two diagonals. */
interface RowWindow {
  from: number;
  to: number;
}

function rowWindow(i: number, { n, mg, ng, h }: Lattice): RowWindow {
  return {
    from: Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n),
    to: Math.min(Math.ceil((ng * i + h) / mg), n + 1),
  };
}

/** Column i in place; the row below the window is outside (1) unless it is row −1 (0). */
function advance(column: Float64Array, i: number, { from, to }: RowWindow): void {
  let value = from === 0 ? 0 : 1;
  for (let j = from; j < to; j++) {
    value = (column[j] * i + value * j) / (i + j);
    column[j] = value;
  }
}

/** Columns i and i + 1 in place, i one row ahead (its window starts and ends no later than the next one's). */
function advancePair(column: Float64Array, i: number, first: RowWindow, second: RowWindow): void {
  const next = i + 1;
  let value = first.from === 0 ? 0 : 1;
  let nextValue = second.from === 0 ? 0 : 1;
  let j = first.from;
  for (const alone = Math.min(second.from + 1, first.to); j < alone; j++) {
    value = (column[j] * i + value * j) / (i + j);
    column[j] = value;
  }
  for (; j < first.to; j++) {
    value = (column[j] * i + value * j) / (i + j);
    column[j] = value;
    const k = j - 1;
    nextValue = (column[k] * next + nextValue * k) / (next + k);
    column[k] = nextValue;
  }
  for (let k = Math.max(j - 1, second.from); k < second.to; k++) {
    nextValue = (column[k] * next + nextValue * k) / (next + k);
    column[k] = nextValue;
  }
}
