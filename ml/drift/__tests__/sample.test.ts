import { deterministicSample } from '..';

describe('deterministicSample', () => {
  const rows = Array.from({ length: 50_000 }, (_, i) => ({ id: i }));

  it('returns every row, in order, when there are no more than the maximum', () => {
    expect(deterministicSample([3, 1, 2], 3)).toEqual([3, 1, 2]);
  });

  it('gives the same sample for the same rows, size and seed, and another for another seed', () => {
    const first = deterministicSample(rows, 1000, 'seed-a');
    expect(deterministicSample(rows, 1000, 'seed-a')).toEqual(first);
    expect(deterministicSample(rows, 1000, 'seed-b')).not.toEqual(first);
  });

  it('draws distinct rows, kept in their original order, 10,000 by default', () => {
    const sample = deterministicSample(rows);
    expect(sample).toHaveLength(10_000);
    const ids = sample.map((row) => row.id);
    expect(new Set(ids).size).toBe(10_000);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('spreads over the whole input rather than taking a prefix', () => {
    const ids = deterministicSample(rows, 1000).map((row) => row.id);
    const inLastQuarter = ids.filter((id) => id >= 37_500).length;
    expect(inLastQuarter).toBeGreaterThan(150);
    expect(inLastQuarter).toBeLessThan(350);
  });

  it('refuses a negative or fractional size', () => {
    expect(() => deterministicSample(rows, -1)).toThrow(RangeError);
    expect(() => deterministicSample(rows, 2.5)).toThrow(RangeError);
  });
});
