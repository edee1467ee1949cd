import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The reference values make-fixtures.py wrote from numpy and scipy (see ../fixtures/make-fixtures.py). */
export interface NumericFixture {
  name: string;
  reference: number[];
  current: number[];
  quantiles: Record<string, number>;
  edges: number[];
  referenceBinCounts: number[];
  currentBinCounts: number[];
  psi: number;
  ks: { statistic: number; pValue: number; method: 'exact' | 'asymp' };
}

export interface CategoricalFixture {
  name: string;
  reference: string[];
  current: string[];
  psi: number;
  chiSquare: { statistic: number; pValue: number; dof: number };
}

export interface DriftFixtures {
  scipy: string;
  numpy: string;
  numeric: NumericFixture[];
  categorical: CategoricalFixture[];
  kstwo: { n: number; x: number; kstwoSf: number; smirnov: number }[];
  smirnov: { n: number; x: number; smirnov: number }[];
  exactLattice: { n1: number; n2: number; d: number; success: boolean; statistic: number; pValue: number }[];
  chi2: { x: number; dof: number; sf: number }[];
}

export const fixtures = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'fixtures', 'drift-fixtures.json'), 'utf8'),
) as DriftFixtures;

/**
 * |actual − expected| <= tolerance·|expected|; an expected 0 (scipy's underflow) asks for an actual below 1e-300.
 * Returns a message for expect() so a failure names the values.
 */
export function relativeError(actual: number, expected: number): number {
  if (expected === 0) return actual === 0 || Math.abs(actual) < 1e-300 ? 0 : Infinity;
  return Math.abs(actual - expected) / Math.abs(expected);
}
