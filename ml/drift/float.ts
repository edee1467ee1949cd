/** Floating-point helpers that C and numpy have and JavaScript lacks, for ports that must agree bit for bit. */

/** numpy.round / Python's round: halves go to the even neighbour (banker's rounding), not up as Math.round. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** C's ldexp: value · 2^exponent, in steps so that neither the factor nor an intermediate overflows early. */
export function ldexp(value: number, exponent: number): number {
  let result = value;
  let remaining = exponent;
  while (remaining > 1000) {
    result *= 2 ** 1000;
    remaining -= 1000;
  }
  while (remaining < -1000) {
    result *= 2 ** -1000;
    remaining += 1000;
  }
  return result * 2 ** remaining;
}

/** Clips a probability to [0, 1] as numpy.clip(p, 0, 1) does (NaN stays NaN). */
export function clipProbability(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/**
 * The exact product a·b as hi + lo (Dekker's TwoProduct with Veltkamp's split), for the one place that needs
 * floor(n·x) and its remainder exactly: the one-sided Smirnov sum starts its terms there.
 */
export function twoProduct(a: number, b: number): { hi: number; lo: number } {
  const hi = a * b;
  const [aHi, aLo] = split(a);
  const [bHi, bLo] = split(b);
  const lo = aHi * bHi - hi + aHi * bLo + aLo * bHi + aLo * bLo;
  return { hi, lo };
}

function split(a: number): [number, number] {
  const c = 134217729 * a; // 2^27 + 1
  const hi = c - (c - a);
  return [hi, a - hi];
}

/** Scaling of the matrix and recursion algorithms: 2^±128 keeps their intermediates inside double's range. */
export const SCALE_EXPONENT = 128;
export const SCALE_UP = 2 ** SCALE_EXPONENT;
export const SCALE_DOWN = 2 ** -SCALE_EXPONENT;

/** A value kept as mantissa · 2^exponent, brought back to a double at the end. */
export function unscale(value: number, exponent: number): number {
  return exponent === 0 ? value : ldexp(value, exponent);
}
