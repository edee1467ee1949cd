import { SCALE_DOWN, SCALE_EXPONENT, SCALE_UP, unscale } from './float';

/**
 * Pr(D_n <= d) by Durbin's matrix formula as Marsaglia, Tsang & Wang (2003) compute it: the (k, k) entry of H^n
 * times n!/n^n, with H the (2k−1)-square matrix of the paper, raised by repeated squaring and rescaled by 2^128
 * as scipy's `_kolmogn_DMTW` does. O(k³ log n).
 */
export function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const size = 2 * k - 1;
  let h = durbinMatrix(k - nd, size);
  let power = identity(size);
  let exponent = 0;
  let hExponent = 0;
  const centre = (k - 1) * size + (k - 1);
  for (let remaining = n; remaining > 0; remaining = Math.floor(remaining / 2)) {
    if (remaining % 2 === 1) {
      power = multiply(power, h, size);
      exponent += hExponent;
    }
    h = multiply(h, h, size);
    hExponent *= 2;
    if (Math.abs(h[centre]) > SCALE_UP) {
      for (let i = 0; i < h.length; i++) h[i] /= SCALE_UP;
      hExponent += SCALE_EXPONENT;
    }
  }
  let p = power[centre];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SCALE_DOWN) {
      p *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
  }
  return Math.min(Math.max(unscale(p, exponent), 0), 1);
}

/** The matrix H of Marsaglia–Tsang–Wang for fractional part h = k − nd, row-major. */
function durbinMatrix(h: number, size: number): Float64Array {
  const v = new Float64Array(size);
  const w = new Float64Array(size);
  let factorial = 1;
  for (let j = 1; j <= size; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - h ** j) * factorial;
  }
  const tt = Math.max(2 * h - 1, 0) ** size - 2 * h ** size;
  v[size - 1] = (1 + tt) * factorial;
  const matrix = new Float64Array(size * size);
  for (let column = 1; column < size; column++) {
    for (let row = column - 1; row < size; row++) matrix[row * size + column] = w[row - column + 1];
  }
  for (let row = 0; row < size; row++) matrix[row * size] = v[row];
  for (let column = 0; column < size; column++) matrix[(size - 1) * size + column] = v[size - 1 - column];
  return matrix;
}

function identity(size: number): Float64Array {
  const matrix = new Float64Array(size * size);
  for (let i = 0; i < size; i++) matrix[i * size + i] = 1;
  return matrix;
}

/** a · b, both size × size row-major; i-k-j order keeps the inner loop on contiguous rows. */
function multiply(a: Float64Array, b: Float64Array, size: number): Float64Array {
  const product = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    const row = i * size;
    for (let k = 0; k < size; k++) {
      const aik = a[row + k];
      if (aik === 0) continue;
      const bRow = k * size;
      for (let j = 0; j < size; j++) product[row + j] += aik * b[bRow + j];
    }
  }
  return product;
}
