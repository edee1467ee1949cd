import {
  chiSquareSf,
  chiSquareTest,
  categoricalPsi,
  decileEdges,
  kolmogorovTwoSidedSf,
  ksExactTwoSided,
  ksTwoSample,
  numericPsi,
  quantileOfSorted,
  smirnovSf,
  sortedCopy,
} from '..';
import { binCountsOfSorted } from '../psi';
import { fixtures, relativeError } from './scipy-fixtures';

const P_VALUE_TOLERANCE = 1e-6;
const STATISTIC_TOLERANCE = 1e-9;
const PSI_TOLERANCE = 1e-12;

describe(`agreement with numpy ${fixtures.numpy} and scipy ${fixtures.scipy}`, () => {
  describe.each(fixtures.numeric.map((c) => [c.name, c] as const))('numeric: %s', (_name, fixture) => {
    it('has numpy.quantile(reference, q) for every q', () => {
      const sorted = sortedCopy(fixture.reference);
      for (const [q, expected] of Object.entries(fixture.quantiles)) {
        expect(relativeError(quantileOfSorted(sorted, Number(q)), expected)).toBeLessThanOrEqual(
          PSI_TOLERANCE,
        );
      }
    });

    it("cuts numpy's decile edges and counts searchsorted(side='right') bins", () => {
      const edges = decileEdges(fixture.reference);
      expect(edges).toEqual(fixture.edges);
      expect(Array.from(binCountsOfSorted(sortedCopy(fixture.reference), edges))).toEqual(
        fixture.referenceBinCounts,
      );
      expect(Array.from(binCountsOfSorted(sortedCopy(fixture.current), edges))).toEqual(
        fixture.currentBinCounts,
      );
    });

    it('has the PSI to 1e-12', () => {
      expect(relativeError(numericPsi(fixture.reference, fixture.current), fixture.psi)).toBeLessThanOrEqual(
        PSI_TOLERANCE,
      );
    });

    it("has ks_2samp's statistic to 1e-9 and p-value to 1e-6 relative, by the same method", () => {
      const result = ksTwoSample(fixture.reference, fixture.current);
      expect(Math.abs(result.statistic - fixture.ks.statistic)).toBeLessThanOrEqual(STATISTIC_TOLERANCE);
      expect(relativeError(result.pValue, fixture.ks.pValue)).toBeLessThanOrEqual(P_VALUE_TOLERANCE);
      expect(result.method).toBe(fixture.ks.method);
    });
  });

  describe.each(fixtures.categorical.map((c) => [c.name, c] as const))(
    'categorical: %s',
    (_name, fixture) => {
      it("has chi2_contingency's statistic, p-value and dof", () => {
        const result = chiSquareTest(fixture.reference, fixture.current);
        expect(result.dof).toBe(fixture.chiSquare.dof);
        expect(relativeError(result.statistic, fixture.chiSquare.statistic)).toBeLessThanOrEqual(
          STATISTIC_TOLERANCE,
        );
        expect(relativeError(result.pValue, fixture.chiSquare.pValue)).toBeLessThanOrEqual(P_VALUE_TOLERANCE);
      });

      it('has the categorical PSI to 1e-12', () => {
        const psi = categoricalPsi(fixture.reference, fixture.current);
        expect(relativeError(psi, fixture.psi)).toBeLessThanOrEqual(PSI_TOLERANCE);
      });
    },
  );

  it('has kstwo.sf and special.smirnov at points reaching every branch of _kolmogn', () => {
    const outside = fixtures.kstwo.filter(
      (point) =>
        relativeError(kolmogorovTwoSidedSf(point.n, point.x), point.kstwoSf) > P_VALUE_TOLERANCE ||
        relativeError(smirnovSf(point.n, point.x), point.smirnov) > P_VALUE_TOLERANCE,
    );
    expect(outside).toEqual([]);
  });

  it('has special.smirnov where only it goes: the upper sum, x <= 1/n, x >= 1 − 1/n, underflow, n > 10^6', () => {
    const outside = fixtures.smirnov.filter(
      (point) => relativeError(smirnovSf(point.n, point.x), point.smirnov) > P_VALUE_TOLERANCE,
    );
    expect(outside).toEqual([]);
  });

  it("has _attempt_exact_2kssamp's lattice statistic, p-value and fallbacks for 110 pairs of sizes up to 10,000", () => {
    const outside = fixtures.exactLattice.filter((point) => {
      const exact = ksExactTwoSided(point.n1, point.n2, point.d);
      if (exact.success !== point.success || exact.d !== point.statistic) return true;
      return point.success && relativeError(exact.p, point.pValue) > P_VALUE_TOLERANCE;
    });
    expect(outside).toEqual([]);
    expect(fixtures.exactLattice.filter((point) => !point.success).length).toBeGreaterThan(0);
  });

  it('has chi2.sf from 1 to 999 degrees of freedom, down to the smallest doubles', () => {
    const outside = fixtures.chi2.filter(
      (point) => relativeError(chiSquareSf(point.x, point.dof), point.sf) > P_VALUE_TOLERANCE,
    );
    expect(outside).toEqual([]);
  });
});
