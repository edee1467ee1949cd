import { chiSquareOfCounts } from './chi-square';
import { ksTwoSampleOfSorted } from './ks-two-sample';
import { categoryCounts, numericPsiOfSorted, psiOfCounts } from './psi';

export type FeatureKind = 'NUMERIC' | 'CATEGORICAL';

export interface FeatureDriftResult {
  feature: string;
  kind: FeatureKind;
  psi: number;
  /** KS statistic for numeric features; 0 for categorical ones (the test there is chi-square). */
  ksStatistic: number;
  /** The chi-square statistic for categorical features; null for numeric ones. */
  chiSquareStatistic: number | null;
  /** KS p-value (numeric) or chi-square p-value (categorical). */
  pValue: number;
  drifted: boolean;
}

export interface DriftThresholds {
  /** PSI above which a feature drifted (0.2 is the usual "significant shift"). */
  psiThreshold: number;
  /** p-value below which a feature drifted (the test rejects "same distribution"). */
  pValueThreshold: number;
}

/**
 * One feature's drift: PSI and the two-sample KS test for numeric features, PSI and the chi-square contingency
 * test for categorical ones; drifted when psi > psiThreshold or pValue < pValueThreshold. Numeric values must be
 * finite numbers; categorical values are compared as strings (a number 1 and the string "1" are one category).
 */
export function featureDrift(
  feature: string,
  kind: FeatureKind,
  reference: readonly (number | string)[],
  current: readonly (number | string)[],
  thresholds: DriftThresholds,
): FeatureDriftResult {
  if (reference.length === 0 || current.length === 0) {
    throw new RangeError(`feature ${feature}: drift needs a non-empty reference and current sample`);
  }
  const measured =
    kind === 'NUMERIC' ? numericDrift(feature, reference, current) : categoricalDrift(reference, current);
  const drifted = measured.psi > thresholds.psiThreshold || measured.pValue < thresholds.pValueThreshold;
  return { feature, kind, ...measured, drifted };
}

type Measured = Omit<FeatureDriftResult, 'feature' | 'kind' | 'drifted'>;

function numericDrift(
  feature: string,
  reference: readonly (number | string)[],
  current: readonly (number | string)[],
): Measured {
  // Sorted once, shared by the deciles, the bin counts and the KS merge.
  const sortedReference = finiteNumbers(feature, reference).sort();
  const sortedCurrent = finiteNumbers(feature, current).sort();
  const ks = ksTwoSampleOfSorted(sortedReference, sortedCurrent);
  return {
    psi: numericPsiOfSorted(sortedReference, sortedCurrent),
    ksStatistic: ks.statistic,
    chiSquareStatistic: null,
    pValue: ks.pValue,
  };
}

function categoricalDrift(
  reference: readonly (number | string)[],
  current: readonly (number | string)[],
): Measured {
  const table = categoryCounts(reference.map(String), current.map(String));
  const chiSquare = chiSquareOfCounts(table.reference, table.current);
  return {
    psi: psiOfCounts(table.reference, reference.length, table.current, current.length),
    ksStatistic: 0,
    chiSquareStatistic: chiSquare.statistic,
    pValue: chiSquare.pValue,
  };
}

function finiteNumbers(feature: string, values: readonly (number | string)[]): Float64Array {
  const numbers = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`feature ${feature} is numeric but holds ${JSON.stringify(value)}`);
    }
    numbers[i] = value;
  }
  return numbers;
}
