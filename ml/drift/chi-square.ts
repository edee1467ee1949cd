import { chiSquareSf } from './gamma';
import { categoryCounts } from './psi';

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  dof: number;
}

/**
 * scipy.stats.chi2_contingency([refCounts, curCounts]) over the union of both samples' categories, with scipy's
 * default correction=True: Yates' continuity correction only when dof = 1. A single category leaves no degree of
 * freedom: statistic 0, p-value 1, as scipy answers.
 */
export function chiSquareTest(reference: readonly string[], current: readonly string[]): ChiSquareResult {
  if (reference.length === 0 || current.length === 0) {
    throw new RangeError('chiSquareTest needs a non-empty reference and current sample');
  }
  const table = categoryCounts(reference, current);
  return chiSquareOfCounts(table.reference, table.current);
}

/** The 2 × k contingency test of two rows of counts (every column total positive). */
export function chiSquareOfCounts(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
): ChiSquareResult {
  const columns = referenceCounts.length;
  const dof = columns - 1;
  if (dof === 0) return { statistic: 0, pValue: 1, dof };
  const rows = [referenceCounts, currentCounts];
  const rowTotals = rows.map(sum);
  const total = rowTotals[0] + rowTotals[1];
  let statistic = 0;
  for (let column = 0; column < columns; column++) {
    const columnTotal = referenceCounts[column] + currentCounts[column];
    for (let row = 0; row < 2; row++) {
      // scipy's expected_freq: the product of the margins, then divided by the total.
      const expected = (rowTotals[row] * columnTotal) / total;
      const observed = dof === 1 ? yates(rows[row][column], expected) : rows[row][column];
      statistic += (observed - expected) ** 2 / expected;
    }
  }
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}

/** Moves an observed count towards its expectation by at most 0.5 (never past it). */
function yates(observed: number, expected: number): number {
  const difference = expected - observed;
  return observed + Math.sign(difference) * Math.min(0.5, Math.abs(difference));
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}
