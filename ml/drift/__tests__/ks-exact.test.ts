import { createRandom } from '../../training/random';
import { outerProbabilityInside } from '../ks-exact';

/** scipy's `_compute_outer_prob_inside_method` as written: one column at a time in a sliding array. */
function scipyLayout(sizeA: number, sizeB: number, g: number, h: number): number {
  const m = Math.max(sizeA, sizeB);
  const n = Math.min(sizeA, sizeB);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const A = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, curlen, lastlen);
  }
  return A[maxj - minj - 1];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

describe('the exact two-sample KS recursion, two columns at a time', () => {
  it("gives scipy's single-column values to the bit for 600 random sizes and statistics", () => {
    const random = createRandom(2024);
    const differing: string[] = [];
    for (let trial = 0; trial < 600; trial++) {
      const limit = trial < 400 ? 40 : 700;
      const n1 = 1 + Math.floor(random.next() * limit);
      const n2 = 1 + Math.floor(random.next() * limit);
      if (n1 === n2) continue;
      const g = gcd(n1, n2);
      const lcm = (n1 / g) * n2;
      const h = 1 + Math.floor(random.next() * lcm);
      const expected = scipyLayout(n1, n2, g, h);
      const actual = outerProbabilityInside(n1, n2, g, h);
      if (!Object.is(actual, expected)) differing.push(`${n1} ${n2} h=${h}: ${actual} vs ${expected}`);
    }
    expect(differing).toEqual([]);
  });
});
