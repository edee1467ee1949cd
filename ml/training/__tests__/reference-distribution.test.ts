import type { FeatureSpec } from '../../feature';
import type { RawValue } from '../dataset-matrix';
import {
  computeReferenceDistribution,
  type CategoricalDistribution,
  type NumericDistribution,
} from '../reference-distribution';

const closeTo = (values: number[]) => values.map((v) => expect.closeTo(v, 12));

/** A NUMBER feature's summary when no value is present. */
const NOTHING_PRESENT = {
  count: 0,
  min: null,
  max: null,
  mean: null,
  std: null,
  quantiles: null,
  histogram: null,
};

/** The distribution of a single feature whose column holds `cells`. */
const distributionOf = (feature: FeatureSpec, cells: RawValue[]) =>
  computeReferenceDistribution(
    [feature],
    cells.map((c) => [c]),
  ).features[0];

const numeric = (cells: RawValue[]) =>
  distributionOf({ name: 'x', type: 'NUMBER' }, cells) as NumericDistribution;
const categorical = (cells: RawValue[]) =>
  distributionOf({ name: 'c', type: 'CATEGORY' }, cells) as CategoricalDistribution;

describe('computeReferenceDistribution: NUMBER', () => {
  it('summarizes the present values and counts the rest as missing', () => {
    const d = numeric([3, 1, null, 5, 'not a number', 2, '4', Infinity]);
    expect(d).toMatchObject({
      name: 'x',
      type: 'NUMBER',
      count: 5,
      missingCount: 3,
      min: 1,
      max: 5,
      mean: 3,
    });
    expect(d.std).toBeCloseTo(Math.SQRT2, 14);
    // 1..5 evenly spaced: the quantile at p is 1 + 4p.
    expect(d.quantiles).toEqual(closeTo(Array.from({ length: 21 }, (_, k) => 1 + (4 * k) / 20)));
    expect(d.histogram!.edges).toEqual(closeTo([1, 1.4, 1.8, 2.2, 2.6, 3, 3.4, 3.8, 4.2, 4.6, 5]));
    // 3 sits on an inner edge: bins are [a, b), as numpy.histogram; 5 is in the last, closed bin.
    expect(d.histogram!.counts).toEqual([1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
  });

  it('interpolates quantiles linearly between order statistics, as numpy.quantile', () => {
    const { quantiles } = numeric([10, 0, 7, 3]);
    // numpy.quantile([0, 3, 7, 10], [0, .05, .1, .25, .5, .95, 1]) = [0, .45, .9, 2.25, 5, 9.55, 10]
    const at = [0, 1, 2, 5, 10, 19, 20].map((k) => quantiles![k]);
    expect(at).toEqual(closeTo([0, 0.45, 0.9, 2.25, 5, 9.55, 10]));
  });

  it('gives a constant column numpy’s bins of width 0.1 around the value', () => {
    const d = numeric([4, 4, 4]);
    expect(d).toMatchObject({ count: 3, min: 4, max: 4, mean: 4, std: 0 });
    expect(d.quantiles).toEqual(Array(21).fill(4));
    expect(d.histogram!.edges).toEqual(closeTo([3.5, 3.6, 3.7, 3.8, 3.9, 4, 4.1, 4.2, 4.3, 4.4, 4.5]));
    expect(d.histogram!.counts).toEqual([0, 0, 0, 0, 0, 3, 0, 0, 0, 0]);
  });

  it('leaves the statistics of an all-missing column null', () => {
    expect(numeric([null, '', NaN])).toEqual({
      name: 'x',
      type: 'NUMBER',
      missingCount: 3,
      ...NOTHING_PRESENT,
    });
  });

  it('counts every value once in the histogram of a skewed column', () => {
    const cells = [...Array(90).fill(0), ...Array(9).fill(1), 100];
    const { histogram, quantiles } = numeric(cells);
    expect(histogram!.counts).toEqual([99, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    // Sorted, x[0..89] = 0, x[90..98] = 1, x[99] = 100. p = 0.9: h = 89.1, a tenth of the way from 0 to 1;
    // p = 0.95: h = 94.05, between two ones; p = 1: the maximum.
    expect([quantiles![18], quantiles![19], quantiles![20]]).toEqual(closeTo([0.1, 1, 100]));
    expect(quantiles![17]).toBe(0);
  });
});

describe('computeReferenceDistribution: CATEGORY', () => {
  it('counts values as strings, most frequent first, ties in string order', () => {
    expect(categorical(['b', 'a', 'b', null, 'c', '', 3])).toEqual({
      name: 'c',
      type: 'CATEGORY',
      count: 5,
      missingCount: 2,
      frequencies: [
        { value: 'b', count: 2 },
        { value: '3', count: 1 },
        { value: 'a', count: 1 },
        { value: 'c', count: 1 },
      ],
      otherCount: 0,
    });
  });

  it('keeps the 100 most frequent categories and counts the others together', () => {
    const name = (i: number) => `v${String(i).padStart(3, '0')}`;
    const cells = Array.from({ length: 105 }, (_, i) => (i < 5 ? [name(i), name(i)] : [name(i)])).flat();
    const d = categorical(cells);
    expect(d.count).toBe(110);
    expect(d.frequencies).toHaveLength(100);
    expect(d.frequencies.slice(0, 6)).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => ({ value: name(i), count: 2 })),
      { value: name(5), count: 1 },
    ]);
    expect(d.frequencies.at(-1)).toEqual({ value: name(99), count: 1 });
    expect(d.otherCount).toBe(5);
  });
});

describe('computeReferenceDistribution', () => {
  const features: FeatureSpec[] = [
    { name: 'age', type: 'NUMBER' },
    { name: 'city', type: 'CATEGORY' },
  ];

  it('summarizes each feature in order and survives a JSON round trip', () => {
    const rows: RawValue[][] = [
      [30, 'Lyon'],
      [40, 'Paris'],
      [null, 'Lyon'],
    ];
    const distribution = computeReferenceDistribution(features, rows);
    expect(distribution.rowCount).toBe(3);
    expect(distribution.features.map((f) => [f.name, f.type, f.count, f.missingCount])).toEqual([
      ['age', 'NUMBER', 2, 1],
      ['city', 'CATEGORY', 3, 0],
    ]);
    expect(JSON.parse(JSON.stringify(distribution))).toEqual(distribution);
  });

  it('describes empty input with zero counts', () => {
    expect(computeReferenceDistribution(features, [])).toEqual({
      rowCount: 0,
      features: [
        {
          name: 'age',
          type: 'NUMBER',
          missingCount: 0,
          ...NOTHING_PRESENT,
        },
        { name: 'city', type: 'CATEGORY', count: 0, missingCount: 0, frequencies: [], otherCount: 0 },
      ],
    });
  });
});
