import { SCALE_DOWN, SCALE_EXPONENT, SCALE_UP, unscale } from './float';

/**
 * Pr(D_n <= x) by Pomeranz's recursion (1974), as scipy's `_kolmogn_Pomeranz`: 2n + 1 rows, each a convolution
 * of the previous row's window with powers (g/n)^m/m!, (2g/n)^m/m! or ((1−2g)/n)^m/m!, rescaled by 2^128.
 */
export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const shape: RowShape = { n, ll, ceilf: f > 0 ? 1 : 0, roundf: f > 0.5 ? 1 : 0 };
  const powerCount = 2 * (ll + 1);
  const gPowers = scaledPowers(g / n, powerCount);
  const twoGPowers = scaledPowers((2 * g) / n, powerCount);
  const oneMinusTwoGPowers = scaledPowers((1 - 2 * g) / n, powerCount);
  let previous = new Float64Array(powerCount);
  let row = new Float64Array(powerCount);
  row[0] = 1;
  let previousStart = 0;
  let rowStart = 0;
  let exponent = 0;
  let [j1, j2] = rowBounds(0, shape);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [previous, row] = [row, previous];
    [previousStart, rowStart] = [rowStart, previousStart];
    row.fill(0);
    [j1, j2] = rowBounds(i, shape);
    const powers = i === 1 || i === 2 * n + 1 ? gPowers : i % 2 === 1 ? twoGPowers : oneMinusTwoGPowers;
    const length = j2 - k1 + 1;
    if (length <= 0) continue;
    convolveWindow(previous, k1 - previousStart, powers, length, j1 - k1, j2 - j1 + 1, row);
    if (rowMaximum(row) > 0 && rowMaximum(row) < SCALE_DOWN) {
      for (let m = 0; m < row.length; m++) row[m] *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
    rowStart = previousStart + j1 - k1;
  }
  let answer = row[n - rowStart];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > SCALE_UP) {
      answer *= SCALE_DOWN;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  return Math.min(Math.max(unscale(answer, exponent), 0), 1);
}

interface RowShape {
  n: number;
  ll: number;
  ceilf: number;
  roundf: number;
}

/** The first and last index of row i's non-zero window (scipy's `_pomeranz_compute_j1j2`). */
function rowBounds(i: number, { n, ll, ceilf, roundf }: RowShape): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** base^m / m! for m = 0 … count − 1. */
function scaledPowers(base: number, count: number): Float64Array {
  const powers = new Float64Array(count);
  powers[0] = 1;
  for (let m = 1; m < count; m++) powers[m] = (powers[m - 1] * base) / m;
  return powers;
}

/**
 * Entries first … first + count − 1 of numpy.convolve(source[offset : offset + length], powers[:length])
 * (numpy's slice stops at the array's end), written to target[0 …].
 */
function convolveWindow(
  source: Float64Array,
  offset: number,
  powers: Float64Array,
  length: number,
  first: number,
  count: number,
  target: Float64Array,
): void {
  const sourceLength = Math.min(length, source.length - offset);
  const powersLength = Math.min(length, powers.length);
  for (let out = 0; out < count; out++) {
    const index = first + out;
    let sum = 0;
    const from = Math.max(0, index - powersLength + 1);
    const to = Math.min(index, sourceLength - 1);
    for (let p = from; p <= to; p++) sum += source[offset + p] * powers[index - p];
    target[out] = sum;
  }
}

function rowMaximum(row: Float64Array): number {
  let maximum = -Infinity;
  for (let m = 0; m < row.length; m++) if (row[m] > maximum) maximum = row[m];
  return maximum;
}
