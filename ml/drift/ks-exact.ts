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
 * complementary form (Viehmann 2021) over one sliding column of the path-count matrix, as scipy does.
 * O(m · window) with window ≈ 2h/(m/g).
 */
export function outerProbabilityInside(sizeA: number, sizeB: number, g: number, h: number): number {
  const m = Math.max(sizeA, sizeB);
  const n = Math.min(sizeA, sizeB);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const column = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  column.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let value = minj === 0 ? 0 : 1;
    const shift = minj - lastminj;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      value = (column[jj + shift] * i + value * j) / (i + j);
      column[jj] = value;
    }
    curlen = maxj - minj;
    // Entries the window leaves behind become paths already outside: proportion 1.
    if (lastlen > curlen) column.fill(1, curlen, lastlen);
  }
  return column[maxj - minj - 1];
}
