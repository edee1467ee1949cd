import {
  categoricalPsi,
  chiSquareTest,
  decileEdges,
  featureDrift,
  ksStatistic,
  ksTwoSample,
  numericPsi,
  PSI_EPSILON,
  quantileOfSorted,
  sortedCopy,
} from '..';
import { binCountsOfSorted, psiOfCounts } from '../psi';

describe('quantileOfSorted (numpy linear)', () => {
  it('interpolates between the two neighbours of (n − 1)·q', () => {
    expect(quantileOfSorted([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantileOfSorted([10, 20, 30, 40], 0.25)).toBe(17.5);
  });

  it('answers the extremes at q = 0 and q = 1, and the single value of a one-value sample', () => {
    expect(quantileOfSorted([1, 2, 3], 0)).toBe(1);
    expect(quantileOfSorted([1, 2, 3], 1)).toBe(3);
    expect(quantileOfSorted([7], 0.9)).toBe(7);
  });

  it('refuses an empty sample and a q outside [0, 1]', () => {
    expect(() => quantileOfSorted([], 0.5)).toThrow(RangeError);
    expect(() => quantileOfSorted([1], 1.5)).toThrow(RangeError);
  });

  it('cuts nine decile edges', () => {
    const reference = Array.from({ length: 11 }, (_, i) => i * 10);
    expect(decileEdges(reference)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });
});

describe('numeric PSI', () => {
  it('puts a value equal to an edge in the bin above it (edges <= value are counted)', () => {
    const edges = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(Array.from(binCountsOfSorted([0.5, 1, 1, 8.999, 9, 100], edges))).toEqual([
      1, 2, 0, 0, 0, 0, 0, 0, 1, 2,
    ]);
  });

  it('replaces an empty bin by ε = 1e-4 without renormalising the others', () => {
    // Reference 50/50 over two bins, current all in the first: (1 − .5)·ln(1/.5) + (1e-4 − .5)·ln(1e-4/.5).
    const expected = 0.5 * Math.log(2) + (PSI_EPSILON - 0.5) * Math.log(PSI_EPSILON / 0.5);
    expect(psiOfCounts([1, 1], 2, [2, 0], 2)).toBeCloseTo(expected, 15);
  });

  it('is 0 for identical samples and grows with a shift', () => {
    const reference = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
    expect(numericPsi(reference, [...reference].reverse())).toBe(0);
    const small = numericPsi(
      reference,
      reference.map((v) => v + 0.1),
    );
    const large = numericPsi(
      reference,
      reference.map((v) => v + 1),
    );
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small);
  });

  it('refuses an empty sample', () => {
    expect(() => numericPsi([], [1])).toThrow(RangeError);
    expect(() => numericPsi([1], [])).toThrow(RangeError);
  });
});

describe('categorical PSI', () => {
  it('counts a category seen only in the current sample at ε in the reference', () => {
    const expected = (0.5 - 1) * Math.log(0.5 / 1) + (0.5 - PSI_EPSILON) * Math.log(0.5 / PSI_EPSILON);
    expect(categoricalPsi(['a', 'a'], ['a', 'b'])).toBeCloseTo(expected, 14);
  });

  it('does not depend on the order categories first appear in', () => {
    expect(categoricalPsi(['x', 'y', 'y', 'z'], ['z', 'z', 'x'])).toBeCloseTo(
      categoricalPsi(['z', 'y', 'x', 'y'], ['x', 'z', 'z']),
      15,
    );
  });
});

describe('two-sample KS', () => {
  it('takes each ECDF after all tied values (searchsorted side right)', () => {
    // At 1: F1 = 2/2 (both 1s), F2 = 1/2 → 0.5; a value-by-value walk would also see 1/2 − 1/2.
    expect(ksStatistic(sortedCopy([1, 1]), sortedCopy([1, 2]))).toBe(0.5);
  });

  it('is symmetric in its samples and 0 for identical ones (p = 1)', () => {
    const a = [0.3, 1.2, -0.4, 2.2, 0.9];
    const b = [1.1, 0.2, 3.3, 2.8];
    expect(ksTwoSample(a, b).statistic).toBe(ksTwoSample(b, a).statistic);
    expect(ksTwoSample(a, b).pValue).toBeCloseTo(ksTwoSample(b, a).pValue, 15);
    expect(ksTwoSample(a, [...a])).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
  });

  it('is exact up to 10,000 values per sample and asymptotic beyond', () => {
    const many = Array.from({ length: 10_001 }, (_, i) => i);
    expect(ksTwoSample(many.slice(0, 10_000), [5, 6]).method).toBe('exact');
    expect(ksTwoSample(many, [5, 6]).method).toBe('asymp');
  });
});

describe('chi-square contingency', () => {
  it('applies Yates only when dof = 1', () => {
    // 2 × 2: observed [[3, 1], [1, 3]], expected 2 everywhere; Yates moves each count 0.5 towards 2.
    const twoByTwo = chiSquareTest(['a', 'a', 'a', 'b'], ['a', 'b', 'b', 'b']);
    expect(twoByTwo.dof).toBe(1);
    expect(twoByTwo.statistic).toBeCloseTo(4 * (0.5 ** 2 / 2), 15);
    // 2 × 3 without correction: [[2, 1, 1], [1, 1, 2]], expected [[1.5, 1, 1.5], [1.5, 1, 1.5]].
    const twoByThree = chiSquareTest(['a', 'a', 'b', 'c'], ['a', 'b', 'c', 'c']);
    expect(twoByThree.dof).toBe(2);
    expect(twoByThree.statistic).toBeCloseTo(4 * (0.5 ** 2 / 1.5), 15);
  });

  it('answers statistic 0 and p-value 1 for a single category', () => {
    expect(chiSquareTest(['k', 'k'], ['k'])).toEqual({ statistic: 0, pValue: 1, dof: 0 });
  });
});

describe('featureDrift', () => {
  const thresholds = { psiThreshold: 0.2, pValueThreshold: 0.05 };
  const reference = Array.from({ length: 400 }, (_, i) => Math.cos(i * 1.7));

  it('reports PSI and KS for a numeric feature and no chi-square', () => {
    const result = featureDrift(
      'age',
      'NUMERIC',
      reference,
      reference.map((v) => v + 2),
      thresholds,
    );
    expect(result).toMatchObject({
      feature: 'age',
      kind: 'NUMERIC',
      chiSquareStatistic: null,
      drifted: true,
    });
    expect(result.ksStatistic).toBeGreaterThan(0.9);
    expect(result.psi).toBe(
      numericPsi(
        reference,
        reference.map((v) => v + 2),
      ),
    );
  });

  it('is not drifted when neither threshold is crossed, and drifted by the p-value alone', () => {
    expect(featureDrift('x', 'NUMERIC', reference, [...reference].reverse(), thresholds).drifted).toBe(false);
    const lenient = { psiThreshold: 1e9, pValueThreshold: 0.05 };
    expect(
      featureDrift(
        'x',
        'NUMERIC',
        reference,
        reference.map((v) => v + 0.5),
        lenient,
      ).drifted,
    ).toBe(true);
  });

  it('uses chi-square for a categorical feature and reports ksStatistic 0', () => {
    const result = featureDrift(
      'colour',
      'CATEGORICAL',
      ['r', 'g', 'r', 'b'],
      ['g', 'g', 'g', 'g'],
      thresholds,
    );
    const chiSquare = chiSquareTest(['r', 'g', 'r', 'b'], ['g', 'g', 'g', 'g']);
    expect(result).toMatchObject({
      ksStatistic: 0,
      chiSquareStatistic: chiSquare.statistic,
      pValue: chiSquare.pValue,
    });
  });

  it('refuses a non-finite or non-numeric value in a numeric feature, and an empty sample', () => {
    expect(() => featureDrift('x', 'NUMERIC', [1, NaN], [1], thresholds)).toThrow(/feature x is numeric/);
    expect(() => featureDrift('x', 'NUMERIC', [1, 'a'], [1], thresholds)).toThrow(RangeError);
    expect(() => featureDrift('x', 'CATEGORICAL', [], ['a'], thresholds)).toThrow(RangeError);
  });
});
