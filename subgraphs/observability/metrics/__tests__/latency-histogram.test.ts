import { createRandom } from '../../../../ml/training/random';
import {
  bucketOf,
  bucketValue,
  mergeInto,
  quantiles,
  record,
  ZERO_BUCKET,
  type HistogramCounts,
} from '../latency-histogram';

const QS = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

/** Nearest-rank quantile of the values themselves: what the histogram approximates. */
function exactQuantile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

function histogramOf(values: readonly number[]): HistogramCounts {
  const counts: HistogramCounts = {};
  for (const value of values) record(counts, value);
  return counts;
}

function expectWithinOnePercent(values: number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  const estimated = quantiles(histogramOf(values), QS);
  QS.forEach((q, i) => {
    const exact = exactQuantile(sorted, q);
    const estimate = estimated[i] as number;
    if (exact === 0) expect(estimate).toBe(0);
    else expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(0.01);
  });
}

const random = createRandom(20261203);
const draw = (n: number, sample: () => number) => Array.from({ length: n }, sample);
const lognormal = () => Math.exp(2 + 1.5 * random.normal());

describe('latency histogram', () => {
  it.each([
    ['uniform over [0.05, 2000) ms', draw(100_000, () => 0.05 + random.next() * 2000)],
    ['lognormal (median e² ms, σ 1.5)', draw(100_000, lognormal)],
    [
      'bimodal (cache hits near 0.02 ms, model runs near 40 ms)',
      draw(100_000, () => (random.next() < 0.7 ? 0.02 * (1 + random.next()) : 40 + 5 * random.normal())),
    ],
    ['constant', draw(100_000, () => 12.345)],
    ['a single value', [7.77]],
    ['a thousand lognormal values', draw(1_000, lognormal)],
    ['heavy tail (Pareto α 1.1)', draw(100_000, () => 1 / Math.pow(1 - random.next(), 1 / 1.1))],
  ])('reads every percentile within 1 %% of the exact value: %s', (_name, values) => {
    expectWithinOnePercent(values);
  });

  it('bounds the relative error of every bucket below 0.4 %', () => {
    for (const value of draw(100_000, () => Math.exp(30 * random.next() - 10))) {
      const estimate = bucketValue(bucketOf(value));
      expect(Math.abs(estimate - value) / value).toBeLessThan(1 / 257 + 1e-12);
    }
  });

  it('puts a power of two at the start of its own bucket', () => {
    for (const exponent of [-10, -1, 0, 1, 10, 30]) {
      const value = 2 ** exponent;
      expect(bucketOf(value)).toBe(String(exponent * 128));
      expect(bucketOf(value * (1 - 1e-12))).toBe(String(exponent * 128 - 1));
    }
  });

  it('counts zero and negative latencies as zero', () => {
    const counts = histogramOf([0, -1, 0, 5]);
    expect(counts[ZERO_BUCKET]).toBe(3);
    expect(quantiles(counts, [0.5, 1])).toEqual([0, expect.closeTo(5, 1)]);
  });

  it('answers null percentiles for an empty histogram', () => {
    expect(quantiles({}, [0.5, 0.99])).toEqual([null, null]);
  });

  it('merges minute histograms into the histogram of all their values', () => {
    const first = draw(5_000, lognormal);
    const second = draw(7_000, () => 100 + random.next());
    const merged = mergeInto(histogramOf(first), histogramOf(second));
    expect(merged).toEqual(histogramOf([...first, ...second]));
  });
});
