import { clipProbability } from './float';
import { durbinMatrixCdf } from './kolmogorov-durbin';
import { pelzGoodCdf } from './kolmogorov-pelz-good';
import { pomeranzCdf } from './kolmogorov-pomeranz';
import { smirnovSf } from './smirnov';

/**
 * scipy.stats.kstwo.sf(x, n): Pr(D_n > x) of the one-sample two-sided Kolmogorov–Smirnov statistic, following
 * scipy/stats/_ksstats.py `_kolmogn(n, x, cdf=False)` (Simard & L'Ecuyer 2011): the same branches and cut-offs
 * choose between Ruben–Gambino's closed forms, Durbin's matrix (Marsaglia–Tsang–Wang), Pomeranz's recursion,
 * twice the one-sided Smirnov tail, and the Pelz–Good asymptotic series.
 */
export function kolmogorovTwoSidedSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) return rubenGambinoSmallSf(n, t);
  if (t >= n - 1) return clipProbability(2 * (1 - x) ** n);
  if (x >= 0.5) return clipProbability(2 * smirnovSf(n, x));
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clipProbability(1 - durbinMatrixCdf(n, x));
    if (nxSquared <= 4) return clipProbability(1 - pomeranzCdf(n, x));
    return clipProbability(2 * smirnovSf(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clipProbability(2 * smirnovSf(n, x));
  const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clipProbability(1 - cdf);
}

/** 1/2n < x <= 1/n: Pr(D_n <= x) = n!/n^n · (2nx − 1)^n. */
function rubenGambinoSmallSf(n: number, t: number): number {
  if (t <= 0.5) return 1;
  let cdf: number;
  if (n <= 140) {
    cdf = 1;
    const factor = 2 * t - 1;
    for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * factor;
  } else {
    cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
  }
  return clipProbability(1 - cdf);
}

const STIRLING_COEFFICIENTS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

/** log(n!/n^n) by Stirling's series. */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  const z = rn / n;
  let series = 0;
  for (const coefficient of STIRLING_COEFFICIENTS) series = series * z + coefficient;
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * series;
}
